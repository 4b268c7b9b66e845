import http from 'node:http';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';

/** How long a client may take to send its request, and how long an idle keep-alive connection is kept. */
export interface HttpTimeouts {
  /** The whole request, headers and body, must arrive within this; then 408 and the connection is closed. */
  requestTimeoutMs: number;
  /** The headers alone must arrive within this (at most the request time-out). */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
}

/** From RAG_LEDGER_REQUEST_TIMEOUT_SECONDS: headers within 10 s (or the request time-out if shorter), idle keep-alive 5 s. */
export function httpTimeouts(requestTimeoutSeconds: number): HttpTimeouts {
  const requestTimeoutMs = requestTimeoutSeconds * 1000;
  return { requestTimeoutMs, headersTimeoutMs: Math.min(requestTimeoutMs, 10_000), keepAliveTimeoutMs: 5_000 };
}

/**
 * The Express adapter with an HTTP server made here rather than by Nest, for two reasons:
 *
 * - Time-outs. Node checks the header and request time-outs only every
 *   `connectionsCheckingInterval` (30 s by default, settable only when the server is made),
 *   so a request time-out of 30 s could hold a connection for a minute. A body sent a byte
 *   every ten seconds is read before any token is checked; it must not hold a connection.
 * - Case-sensitive routes. Express matches routes in any letter case by default, while the
 *   middleware in front of them (body checks, the import's larger limit, the docs' CSP) looks
 *   at the path as sent: `/API/actions/A1/start` reached the route and skipped a check keyed
 *   on `/api/`. Matching paths in one case only, and answering 404 to every other spelling,
 *   is the safer of the two fixes: there is then one spelling of each route, the one every
 *   check sees, instead of a normalisation that each check (and each future one) must repeat
 *   exactly as the router does. Percent-encoded letters, `..` and double slashes never match
 *   a route either (the router compares the path as sent); a trailing slash does, and every
 *   check treats it as the same path.
 */
export class HardenedExpressAdapter extends ExpressAdapter {
  constructor(private readonly timeouts: HttpTimeouts) {
    const instance = express();
    // Before anything touches app.router, which reads the setting once when it is made.
    instance.set('case sensitive routing', true);
    super(instance);
  }

  override initHttpServer(options: Parameters<ExpressAdapter['initHttpServer']>[0]): void {
    if (options?.httpsOptions) return super.initHttpServer(options);
    const { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs } = this.timeouts;
    const server = http.createServer(
      {
        requestTimeout: requestTimeoutMs,
        headersTimeout: headersTimeoutMs,
        keepAliveTimeout: keepAliveTimeoutMs,
        // A quarter of the shortest time-out, at most a second: a late request is cut off soon after its time.
        connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
      },
      this.getInstance(),
    );
    this.setHttpServer(server);
    if (options?.forceCloseConnections) (this as unknown as { trackOpenConnections(): void }).trackOpenConnections();
  }
}
