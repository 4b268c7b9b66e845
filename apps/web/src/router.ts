/**
 * Hash routes (#/plans/SIP?asOf=2014-01-15): the page works from a file server, a
 * reload keeps the view, and links can be shared. Parsing has no DOM: unit-tested.
 */
export interface Route {
  /** Decoded path segments: '#/plans/SIP' -> ['plans', 'SIP']. */
  path: string[];
  params: Record<string, string>;
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#/, '');
  const [pathPart, queryPart = ''] = body.split('?', 2);
  const path = pathPart
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const params: Record<string, string> = {};
  new URLSearchParams(queryPart).forEach((value, key) => {
    params[key] = value;
  });
  return { path, params };
}

/** '#/' + encoded segments + query (empty values left out). */
export function href(path: string[], params: Record<string, string | undefined | null> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') query.set(key, value);
  const q = query.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${q ? `?${q}` : ''}`;
}
