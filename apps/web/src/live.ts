import { currentToken, signOut } from './session.js';
import { SseParser } from './sse.js';

/** One committed batch of the projections, as GET /api/events/stream sends it. */
export interface LiveEvent {
  type: string;
  streamId: string;
  planId: string | null;
  actionId: string | null;
  position: number;
}

export interface LiveBatch {
  position: number;
  events: LiveEvent[];
  /** True when sent after (re)connecting: something may have been missed, read everything again. */
  resync?: boolean;
}

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

/**
 * The live feed of board changes. EventSource cannot send the Authorization header,
 * so the stream is read with fetch(); after a drop it reconnects with back-off, and
 * asks the page to read again if the log moved on meanwhile.
 */
export class LiveFeed {
  private controller: AbortController | undefined;
  private lastPosition = -1;

  constructor(
    private readonly onBatch: (batch: LiveBatch) => void,
    private readonly onStatus: (status: LiveStatus) => void,
  ) {}

  start(): void {
    if (this.controller) return;
    const controller = new AbortController();
    this.controller = controller;
    void this.run(controller.signal);
  }

  stop(): void {
    this.controller?.abort();
    this.controller = undefined;
    this.onStatus('stopped');
  }

  private async run(signal: AbortSignal): Promise<void> {
    let delay = 1000;
    let first = true;
    while (!signal.aborted) {
      this.onStatus(first ? 'connecting' : 'reconnecting');
      first = false;
      try {
        const token = currentToken();
        if (!token) return;
        const response = await fetch('/api/events/stream', {
          headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
          cache: 'no-store',
          signal,
        });
        if (response.status === 401) {
          signOut('Your token was refused by the live feed: it may have expired. Paste a new one.');
          return;
        }
        if (!response.ok || !response.body) throw new Error(`live feed answered ${response.status}`);
        this.onStatus('live');
        delay = 1000;
        await this.read(response.body, signal);
      } catch {
        if (signal.aborted) return;
      }
      if (signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 15000);
    }
  }

  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || signal.aborted) return;
        for (const message of parser.push(decoder.decode(value, { stream: true }))) this.dispatch(message.event, message.data);
      }
    } finally {
      reader.releaseLock();
    }
  }

  private dispatch(event: string, data: string): void {
    let payload: { position?: number; events?: LiveEvent[] };
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    const position = Number(payload.position ?? 0);
    if (event === 'ready') {
      // Connected (again): anything committed before now may be missing from the page.
      if (position > this.lastPosition) this.onBatch({ position, events: [], resync: true });
      this.lastPosition = Math.max(this.lastPosition, position);
    } else if (event === 'message' && Array.isArray(payload.events)) {
      this.lastPosition = Math.max(this.lastPosition, position);
      this.onBatch({ position, events: payload.events });
    }
  }
}
