/**
 * A request's URL as the log may keep it: the token of a set-up link (POST
 * /api/invitations/<token>/accept) is a secret, so it never reaches a log line.
 */
export const redactSecretsInUrl = (url: string): string => url.replace(/^(\/api\/invitations\/)[^/?#]+/, '$1[redacted]');
