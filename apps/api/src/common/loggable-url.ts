const CALLBACK = '/api/auth/oidc/callback';

/**
 * A request's URL as the request log keeps it. Single sign-on's callback carries the
 * provider's authorisation code and the state in its query: the log keeps the path only.
 */
export function loggableUrl(url: string): string {
  return url.startsWith(`${CALLBACK}?`) ? `${CALLBACK}?[left out]` : url;
}
