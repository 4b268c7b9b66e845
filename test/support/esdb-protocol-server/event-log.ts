/**
 * The protocol server's log: events in `$all` order with the positions EventStoreDB gives them.
 * Test support only, not a store: it lives in memory for one test file.
 *
 * EventStoreDB's transaction file is a log of records addressed by byte offset. Since 20.x an
 * append writes its events as prepare records with no separate commit record, so each event's
 * commit position and prepare position are both the offset of its own record, and the next
 * record starts where this one ends: positions grow by the record's size, not by one. The server
 * writes records of its own at start (epochs, settings, the scavenge index), so `$all` holds
 * system events (`$`-prefixed streams and types) before and between the users' events.
 */
import { randomUUID } from 'node:crypto';
import type { StoredEsdbEvent } from './server.types';

/**
 * A prepare record's fixed part (flags, positions, ids, revision, timestamp, the length prefix
 * and suffix) before its variable fields; close enough to the real layout for offsets that
 * are clearly byte offsets, never a count.
 */
const RECORD_OVERHEAD = 90;

export function recordSize(event: Pick<StoredEsdbEvent, 'streamId' | 'type' | 'data' | 'metadata'>): bigint {
  return BigInt(RECORD_OVERHEAD + Buffer.byteLength(event.streamId) + Buffer.byteLength(event.type) + event.data.length + event.metadata.length);
}

export type NewEsdbEvent = Omit<StoredEsdbEvent, 'revision' | 'position' | 'created'>;

const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value ?? {}), 'utf8');

export class EventLog {
  private readonly all: StoredEsdbEvent[] = [];
  private readonly streams = new Map<string, { events: StoredEsdbEvent[]; lastRevision: bigint }>();
  /** Where the next record starts. */
  private end = 0n;
  private readonly listeners = new Set<() => void>();

  constructor() {
    // What a fresh single node writes before it accepts a client (its epoch, default settings, the scavenge index).
    this.appendSystem('$epochs', '$epoch', { epochNumber: 0 });
    this.appendSystem('$settings', '$settings', { $userStreamAcl: { $r: '$all' } });
    this.appendSystem('$scavenges', '$scavengeIndexInitialized', {});
  }

  events(): readonly StoredEsdbEvent[] {
    return this.all;
  }

  /** The stream's last revision, or undefined when it has no events (never written). */
  lastRevision(streamId: string): bigint | undefined {
    return this.streams.get(streamId)?.lastRevision;
  }

  /** The stream's stored event at `revision` (undefined when absent or deleted). */
  atRevision(streamId: string, revision: bigint): StoredEsdbEvent | undefined {
    return this.streams.get(streamId)?.events.find((e) => e.revision === revision);
  }

  streamEvents(streamId: string): readonly StoredEsdbEvent[] | undefined {
    return this.streams.get(streamId)?.events;
  }

  /** Writes the events to the end of the log, one record each, with the stream's next revisions. */
  write(streamId: string, events: readonly NewEsdbEvent[]): StoredEsdbEvent[] {
    const stream = this.streams.get(streamId) ?? { events: [], lastRevision: -1n };
    this.streams.set(streamId, stream);
    const created = new Date();
    const written = events.map((e) => {
      stream.lastRevision += 1n;
      const stored: StoredEsdbEvent = { ...e, streamId, revision: stream.lastRevision, position: this.end, created };
      this.end += recordSize(stored);
      this.all.push(stored);
      stream.events.push(stored);
      return stored;
    });
    for (const listener of [...this.listeners]) listener();
    return written;
  }

  appendSystem(streamId: string, type: string, data?: unknown): StoredEsdbEvent {
    const [event] = this.write(streamId, [{ streamId, id: randomUUID(), type, data: json(data), metadata: new Uint8Array(), contentType: 'application/json' }]);
    return event;
  }

  /** The first event at or after the position (forwards reads are inclusive). */
  firstIndexAtOrAfter(position: bigint): number {
    let lo = 0;
    let hi = this.all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.all[mid].position < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The last stored event's position, or undefined for an empty log. */
  lastPosition(): bigint | undefined {
    return this.all.at(-1)?.position;
  }

  at(index: number): StoredEsdbEvent | undefined {
    return this.all[index];
  }

  editEvent(position: bigint, change: { data?: unknown; metadata?: unknown }): void {
    const event = this.byPosition(position);
    // In place: the reference is shared by $all and the stream's list, so every read sees it.
    if ('data' in change) event.data = json(change.data);
    if ('metadata' in change) event.metadata = json(change.metadata);
  }

  deleteEvent(position: bigint): void {
    const event = this.byPosition(position);
    this.all.splice(this.all.indexOf(event), 1);
    const stream = this.streams.get(event.streamId);
    if (stream) stream.events.splice(stream.events.indexOf(event), 1);
  }

  /** Calls `listener` after every write, until the returned function is called. */
  onWrite(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private byPosition(position: bigint): StoredEsdbEvent {
    const event = this.all.find((e) => e.position === position);
    if (!event) throw new Error(`The protocol server holds no event at position ${position}`);
    return event;
  }
}
