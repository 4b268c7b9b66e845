/**
 * A browser's part in single sign-on, over plain HTTP for the tests: cookies kept per host,
 * redirects followed by hand (each answer is there to be checked), and the test provider's
 * sign-in form (see provider.mjs) filled in.
 */
export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  /** The Cookie header for `url`, or undefined when the jar has none for its host. */
  header(url: URL): string | undefined {
    const cookies = this.byHost.get(url.host);
    if (!cookies || cookies.size === 0) return undefined;
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(url: URL, name: string): string | undefined {
    return this.byHost.get(url.host)?.get(name);
  }

  /** Keeps the Set-Cookie headers of `response` (a cookie set to expire is removed). */
  store(url: URL, response: Response): void {
    const cookies = this.byHost.get(url.host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=(0|-\d+)\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()));
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    this.byHost.set(url.host, cookies);
  }

  /** A copy, to replay what a browser held at this moment. */
  copy(): CookieJar {
    const copy = new CookieJar();
    for (const [host, cookies] of this.byHost) copy.byHost.set(host, new Map(cookies));
    return copy;
  }
}

/** One request as a browser would send it, with the jar's cookies; redirects are not followed. */
export async function browse(jar: CookieJar, url: URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set('Cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(url, response);
  return response;
}

/**
 * From the provider's authorisation URL to the answer it sends the browser back with: signs in
 * on the test provider's form as `email`, following the provider's redirects, and stops at the
 * first redirect that leaves the provider (the tracker's callback, with code and state).
 */
export async function signInAtProvider(jar: CookieJar, authorizationUrl: URL, email: string): Promise<URL> {
  let url = authorizationUrl;
  let response = await browse(jar, url);
  for (let step = 0; step < 10; step++) {
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location')!, url);
      if (next.host !== authorizationUrl.host) return next;
      url = next;
      response = await browse(jar, url);
      continue;
    }
    const page = await response.text();
    const action = /<form id="sign-in" method="post" action="([^"]+)"/.exec(page)?.[1];
    if (response.status !== 200 || !action) throw new Error(`the test provider answered ${response.status}: ${page.slice(0, 500)}`);
    url = new URL(action.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))), url);
    response = await browse(jar, url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email }) });
  }
  throw new Error('the test provider redirected more than 10 times');
}
