import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/**
 * The hash chain as it was first released (libs/event-store/src/hash-chain.ts at 054ea45),
 * kept verbatim as the reference: every hash in the councils' existing logs was computed by
 * these functions, so the fast encoder must give the same text and hash for every value, and
 * a log these functions wrote must still verify.
 */
export function referenceCanonicalJson(input: unknown): string {
  const value = input !== null && typeof input === 'object' && typeof (input as { toJSON?: unknown }).toJSON === 'function' ? (input as { toJSON: () => unknown }).toJSON() : input;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + referenceCanonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || typeof item === 'function') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${referenceCanonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
}

export function referenceWithoutChain(metadata: unknown): Record<string, unknown> {
  const { hash: _, previousHash: __, ...rest } = (metadata ?? {}) as Record<string, unknown>;
  return rest;
}

export function referenceEventHash(
  event: { position: bigint; streamId: string; revision: bigint; type: string; data: unknown; metadata: unknown },
  previousHash: string | null,
): string {
  const canonical = referenceCanonicalJson({
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision.toString(),
    type: event.type,
    data: event.data,
    metadata: referenceWithoutChain(event.metadata),
    previousHash,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export interface ReferenceEvent {
  streamId: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

/**
 * Appends to an event log's table as the first release's SqliteEventStore did: rows with
 * JSON.stringify'd data and metadata (chain fields added at the end) and the reference hash.
 */
export function writeWithReferenceChain(db: Database, events: ReferenceEvent[]): void {
  const last = db.prepare('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1').get() as { position: number; hash: string } | undefined;
  const lastRevision = db.prepare('SELECT max(revision) AS revision FROM events WHERE stream_id = ?');
  const insert = db.prepare(
    'INSERT INTO events (position, stream_id, revision, id, type, data, metadata, created, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let position = last?.position ?? 0;
  let previousHash = last?.hash ?? null;
  db.transaction(() => {
    for (const event of events) {
      position++;
      const stored = (lastRevision.get(event.streamId) as { revision: number | null }).revision;
      const revision = stored === null ? 0 : stored + 1;
      const data = event.data ?? null;
      const metadata = referenceWithoutChain(event.metadata);
      const hash = referenceEventHash({ position: BigInt(position), streamId: event.streamId, revision: BigInt(revision), type: event.type, data, metadata }, previousHash);
      insert.run(position, event.streamId, revision, `ref-${position}`, event.type, JSON.stringify(data), JSON.stringify({ ...metadata, previousHash, hash }), 0, hash);
      previousHash = hash;
    }
  })();
}
