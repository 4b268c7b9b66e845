import autocannon from 'autocannon';

export interface LoadResult {
  /** Successful (2xx) answers per second. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Builds each request: path and body (for commands that must differ each time). */
  next?: () => { path: string; body?: string };
}

/** One autocannon run: a closed loop of `connections` keep-alive connections, one request in flight on each. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const result = await autocannon({
    url: url.origin,
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
    method: options.method ?? 'GET',
    headers: options.headers,
    requests: [
      {
        method: options.method ?? 'GET',
        path: url.pathname + url.search,
        headers: options.headers,
        ...(options.next && {
          setupRequest: (request: autocannon.Request) => {
            const { path, body } = options.next!();
            return { ...request, path, body };
          },
        }),
      },
    ],
  });
  const ok = result['2xx'];
  return {
    perSecond: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: ok + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
