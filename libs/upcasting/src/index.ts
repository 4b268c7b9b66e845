import { UpcasterRegistry, type Upcaster } from '@rag-ledger/event-store';

/**
 * The tracker's upcasters: one per change of an event's shape, from the version before to the
 * next. None yet: every event type is at version 1, the shape it was first written in.
 *
 * To change an event's shape (see the README, "Schema versions and upcasting"): change its type
 * in libs/domain, add here `{ type, fromVersion, upcast(data, metadata) }` turning the old
 * data into the new, and bump the version of the projections whose rows hold that data. New
 * events are then stored with `schemaVersion` (the store stamps it), old ones are read in the
 * new shape by every reader, and the log itself is never rewritten.
 *
 * Every store the tracker opens gets these (apps/api/src/infrastructure/event-store.provider.ts,
 * and the rebuild's worker thread), so a command, a projection, an as-of read, an evidence pack
 * and a replay all see one shape. Kept apart from libs/event-store (the mechanism, which knows
 * no domain) and from libs/domain (pure rules, which need not know how old logs looked).
 */
export const TRACKER_UPCASTERS: readonly Upcaster[] = [];

/** A registry of the tracker's upcasters, and any a test adds (a shape change it makes up). */
export function trackerUpcasters(extra: readonly Upcaster[] = []): UpcasterRegistry {
  return new UpcasterRegistry([...TRACKER_UPCASTERS, ...extra]);
}
