/**
 * EventStoreDB's expected-revision and idempotency rules for one append, as its index committer
 * decides them (EventStore/EventStore, `IndexCommitter.CheckCommit`), for both Append and
 * BatchAppend. The decision is pure: the handlers write and answer.
 *
 * - An exact revision (no_stream is revision -1): equal to the stream's last revision, the
 *   append goes ahead. Lower, the events are compared with the stored ones after it: all the
 *   same ids at those revisions is a retry ("idempotent": success with the original revision and
 *   position, nothing written); the first different is WrongExpectedVersion; a later different is
 *   "corrupted idempotency", which the server answers as WrongExpectedVersion too. Higher:
 *   WrongExpectedVersion.
 * - `any` and `stream_exists` (after stream_exists has checked that the stream exists): the
 *   server looks the ids up among the events it has recently committed. The first id unknown
 *   in this stream means a new append; every id known, consecutive, a retry; some known and
 *   some not, corrupted idempotency (WrongExpectedVersion). The real server's lookup is a
 *   bounded cache of recent ids; this one knows every id of the stream.
 */
import type { EventLog } from './event-log';
import type { StoredEsdbEvent } from './server.types';

export type ExpectedRevision = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: bigint };

export type AppendDecision =
  | { kind: 'write' }
  | { kind: 'idempotent'; last: StoredEsdbEvent }
  | { kind: 'wrong-expected-version'; current: bigint | undefined };

export function decideAppend(log: EventLog, streamId: string, expected: ExpectedRevision, eventIds: readonly string[]): AppendDecision {
  const current = log.lastRevision(streamId);
  const wrong: AppendDecision = { kind: 'wrong-expected-version', current };
  if (expected.kind === 'stream_exists' && current === undefined) return wrong;
  if (expected.kind === 'any' || expected.kind === 'stream_exists') return decideByRecentIds(log, streamId, eventIds, wrong);

  const expectedRevision = expected.kind === 'no_stream' ? -1n : expected.revision;
  const currentRevision = current ?? -1n;
  if (expectedRevision === currentRevision) return { kind: 'write' };
  if (expectedRevision > currentRevision || eventIds.length === 0) return wrong;
  let last: StoredEsdbEvent | undefined;
  for (const [i, id] of eventIds.entries()) {
    const stored = log.atRevision(streamId, expectedRevision + 1n + BigInt(i));
    if (!stored || stored.id !== id) return wrong;
    last = stored;
  }
  return { kind: 'idempotent', last: last as StoredEsdbEvent };
}

function decideByRecentIds(log: EventLog, streamId: string, eventIds: readonly string[], wrong: AppendDecision): AppendDecision {
  const events = log.streamEvents(streamId) ?? [];
  const byId = new Map(events.map((e) => [e.id, e]));
  const first = eventIds.length > 0 ? byId.get(eventIds[0]) : undefined;
  if (!first) return { kind: 'write' };
  let last = first;
  for (const id of eventIds.slice(1)) {
    const stored = byId.get(id);
    if (!stored || stored.revision !== last.revision + 1n) return wrong;
    last = stored;
  }
  return { kind: 'idempotent', last };
}
