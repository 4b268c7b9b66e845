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
 * The live feed of board changes, read with EventSource: the session cookie goes with it
 * (same origin), so no token is handled by the page. The browser reconnects by itself after
 * a dropped connection; when the server refuses the stream (EventSource does not say why),
 * `stillSignedIn` asks whether the session is still there, and the feed tries again with
 * back-off only if it is. After (re)connecting it asks the page to read again if the log
 * moved on meanwhile.
 */
export class LiveFeed {
  private source: EventSource | undefined;
  private timer: number | undefined;
  private lastPosition = -1;
  private delay = 1000;

  constructor(
    private readonly onBatch: (batch: LiveBatch) => void,
    private readonly onStatus: (status: LiveStatus) => void,
    /** The server refused the stream: false when the session has ended (the page then goes to sign-in). */
    private readonly stillSignedIn: () => Promise<boolean>,
    /** The server said the session reached its time limit (`event: expired`). */
    private readonly onExpired: () => void,
  ) {}

  start(): void {
    if (this.source || this.timer !== undefined) return;
    this.connect(true);
  }

  stop(): void {
    this.source?.close();
    this.source = undefined;
    if (this.timer !== undefined) window.clearTimeout(this.timer);
    this.timer = undefined;
    this.onStatus('stopped');
  }

  private connect(first: boolean): void {
    this.onStatus(first ? 'connecting' : 'reconnecting');
    const source = new EventSource('/api/events/stream', { withCredentials: true });
    this.source = source;
    source.addEventListener('open', () => {
      this.delay = 1000;
      this.onStatus('live');
    });
    source.addEventListener('ready', (event) => this.dispatch('ready', (event as MessageEvent<string>).data));
    source.addEventListener('message', (event) => this.dispatch('message', event.data));
    source.addEventListener('expired', () => {
      this.stop();
      this.onExpired();
    });
    source.addEventListener('error', () => {
      if (this.source !== source) return;
      // CONNECTING: the connection dropped and the browser is reconnecting by itself.
      if (source.readyState === EventSource.CONNECTING) {
        this.onStatus('reconnecting');
        return;
      }
      source.close();
      this.source = undefined;
      this.onStatus('reconnecting');
      void this.afterRefusal();
    });
  }

  private async afterRefusal(): Promise<void> {
    const signedIn = await this.stillSignedIn().catch(() => true);
    if (!signedIn) {
      this.stop();
      return;
    }
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      this.connect(false);
    }, this.delay);
    this.delay = Math.min(this.delay * 2, 15000);
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
