import { DuplicateEventIdError, WrongExpectedVersionError } from './errors';
import { NO_STREAM, type EventData, type EventStore, type Position, type RecordedEvent } from './event-store.port';
import { withoutChain } from './hash-chain';

export interface MigrateLogProgress {
  /** Events read from the source so far. */
  read: number;
  /** Of those, events the target stored now. */
  written: number;
  /** Of those, events the target already held (same id, same stream, same revision). */
  alreadyPresent: number;
  /** Source position reached, and the source's head when the copy started. */
  position: Position;
  head: Position;
}

export type MigrateLogResult = Omit<MigrateLogProgress, 'position' | 'head'> & { streams: number };

export interface MigrateLogOptions {
  /** Most events in one append (default 100). */
  batchSize?: number;
  /** Most bytes of JSON in one append (default 512 KiB; EventStoreDB refuses appends over 1 MiB unless configured). */
  batchBytes?: number;
  /** Called every `progressEvery` events (default 1,000) and at the end. */
  onProgress?: (progress: MigrateLogProgress) => void;
  progressEvery?: number;
}

/** The target holds other events under a stream name of the source: the copy stops rather than mix them. */
export class MigrationConflictError extends Error {
  override readonly name = 'MigrationConflictError';
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    readonly eventId: string,
    cause: unknown,
  ) {
    super(
      `The target already holds a different event at revision ${revision} of stream ${streamId} ` +
        `(source event ${eventId}): ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/**
 * Copies every event of `source` into `target` in log order, keeping each event's
 * id, stream, revision, type, data and metadata. Consecutive events of one stream
 * go in one append, at the exact expected revision they had in the source, so:
 *
 * - the target's streams have the source's revisions, and its log the source's order
 *   (when the target started empty, or held only an earlier copy);
 * - a re-run, or a run after one that stopped half-way, stores nothing twice: the
 *   target recognises the ids as a retry of what it holds (EventStoreDB guarantees
 *   this for appends with an exact expected revision);
 * - a target that holds *different* events under a source stream name stops the
 *   copy with MigrationConflictError.
 *
 * The `created` time of each event is the target's own (neither store lets a
 * client set it); the product's events carry their time in their metadata.
 * The embedded store's hash chain (`hash`, `previousHash` in the metadata) is
 * not copied: it covers the source's positions, which the target does not keep,
 * and an embedded target computes its own. Verify the source's chain before
 * copying (the migration command does).
 */
export async function migrateLog(source: EventStore, target: EventStore, options: MigrateLogOptions = {}): Promise<MigrateLogResult> {
  const batchSize = Math.max(1, options.batchSize ?? 100);
  const batchBytes = Math.max(1, options.batchBytes ?? 512 * 1024);
  const progressEvery = Math.max(1, options.progressEvery ?? 1_000);
  const head = (await source.headPosition()) ?? 0n;
  let targetHead = (await target.headPosition()) ?? -1n;
  const streams = new Set<string>();
  let read = 0;
  let written = 0;
  let alreadyPresent = 0;
  let position: Position = 0n;
  let reported = 0;

  const report = () => {
    reported = read;
    options.onProgress?.({ read, written, alreadyPresent, position, head });
  };

  /** One append; its result tells whether the target stored it now or held it already. */
  const append = async (events: RecordedEvent[]) => {
    const first = events[0];
    const result = await target.appendToStream(first.streamId, events.map(toEventData), {
      expectedRevision: first.revision === 0n ? NO_STREAM : first.revision - 1n,
    });
    if (result.position > targetHead) {
      targetHead = result.position;
      written += events.length;
    } else {
      alreadyPresent += events.length;
    }
  };

  const copy = async (batch: RecordedEvent[]) => {
    try {
      await append(batch);
    } catch (error) {
      if (!isConflict(error)) throw error;
      // Part of the batch is there already (a run that stopped, or a source that
      // grew since): one event at a time, each one either recognised or stored.
      for (const event of batch) {
        try {
          await append([event]);
        } catch (single) {
          if (isConflict(single)) throw new MigrationConflictError(event.streamId, event.revision, event.id, single);
          throw single;
        }
      }
    }
  };

  let batch: RecordedEvent[] = [];
  let bytes = 0;
  // As stored: a copy keeps each event's own shape and version (the target upcasts it on reading).
  for await (const event of source.readAll({ raw: true })) {
    const size = byteSize(event);
    const last = batch[batch.length - 1];
    const joins = last !== undefined && last.streamId === event.streamId && event.revision === last.revision + 1n;
    if (batch.length > 0 && (!joins || batch.length >= batchSize || bytes + size > batchBytes)) {
      await copy(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(event);
    bytes += size;
    streams.add(event.streamId);
    read++;
    position = event.position;
    if (read - reported >= progressEvery) report();
  }
  if (batch.length > 0) await copy(batch);
  report();
  return { read, written, alreadyPresent, streams: streams.size };
}

function toEventData(event: RecordedEvent): EventData {
  return { id: event.id, type: event.type, data: event.data, metadata: withoutChain(event.metadata) };
}

function isConflict(error: unknown): boolean {
  return error instanceof WrongExpectedVersionError || error instanceof DuplicateEventIdError;
}

function byteSize(event: RecordedEvent): number {
  return Buffer.byteLength(JSON.stringify(event.data ?? null)) + Buffer.byteLength(JSON.stringify(event.metadata ?? {})) + 100;
}
