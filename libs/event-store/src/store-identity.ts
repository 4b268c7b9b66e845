/**
 * Which log a store is. Read models record it beside their checkpoints: a position means
 * something only in the log it came from (an embedded-store position is a count, an
 * EventStoreDB one a byte offset), so read models projected from another log are rebuilt,
 * never resumed.
 */
export type StoreKind = 'sqlite' | 'eventstoredb';

export interface StoreIdentity {
  kind: StoreKind;
  /**
   * Generated once when the log was created and kept with it: in the embedded store's file,
   * and on EventStoreDB in a stream the product writes once. Two copies of one file share it.
   */
  id: string;
}

/**
 * The stream where EventStoreDB keeps its log's identity: one `StoreIdentified` event, written
 * once by the first node that asks. Not `$`-prefixed, since those need admin rights; no
 * projection reads it (no projected category is a prefix of it).
 */
export const STORE_IDENTITY_STREAM = 'store-identity';
export const STORE_IDENTIFIED = 'StoreIdentified';

/** The data of `StoreIdentified`. */
export interface StoreIdentifiedData {
  id: string;
}

/** Who writes `StoreIdentified`: the product itself, not a person. */
export const STORE_IDENTITY_ACTOR = { id: 'event-store', name: 'RAG Ledger event store', role: 'admin' } as const;

const KIND_NAMES: Record<StoreKind, string> = { sqlite: 'the embedded store', eventstoredb: 'EventStoreDB' };

/** The store in an operator's words: `the embedded store (id …)`. */
export function describeStore(identity: StoreIdentity): string {
  return `${KIND_NAMES[identity.kind]} (id ${identity.id})`;
}

export const sameStore = (a: StoreIdentity, b: StoreIdentity): boolean => a.kind === b.kind && a.id === b.id;
