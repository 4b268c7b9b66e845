import type { Database } from 'better-sqlite3';
import { describeStore, sameStore, type StoreIdentity } from '@rag-ledger/event-store';
import type { ReadModelSchema } from './read-model-database';

/**
 * Which log a read-model file was projected from, one row beside its `projection_checkpoints`
 * and written in the same transactions: its checkpoints are positions in that log alone.
 */
export const storeIdentitySchema = (schema: ReadModelSchema): string => `CREATE TABLE IF NOT EXISTS ${schema}.store_identity (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  kind TEXT NOT NULL,
  id   TEXT NOT NULL
)`;

/** The log the file records, or undefined when it records none (new, or written by a version before identities). */
export function recordedStoreIdentity(db: Database, schema: ReadModelSchema): StoreIdentity | undefined {
  return db.prepare<[], StoreIdentity>(`SELECT kind, id FROM ${schema}.store_identity`).get();
}

export function recordStoreIdentity(db: Database, schema: ReadModelSchema, identity: StoreIdentity): void {
  db.prepare(`INSERT OR REPLACE INTO ${schema}.store_identity (only, kind, id) VALUES (1, ?, ?)`).run(identity.kind, identity.id);
}

/**
 * Why a file's projections must be rebuilt before they read `current`, in an operator's words;
 * undefined when they can carry on from their checkpoints. `projected`: whether any of them has
 * applied an event (a checkpoint past 0): a file that records no log but has, was written by a
 * version that did not record it, so where its positions came from is unknown.
 */
export function rebuildReason(recorded: StoreIdentity | undefined, current: StoreIdentity, projected: boolean): string | undefined {
  if (recorded === undefined) {
    if (!projected) return undefined;
    return `read models do not record which event store they were projected from (written by an earlier version); the event store is ${describeStore(current)}: rebuilding them from its log`;
  }
  if (sameStore(recorded, current)) return undefined;
  return `read models were projected from ${describeStore(recorded)}; the event store is now ${describeStore(current)}: rebuilding them from its log`;
}
