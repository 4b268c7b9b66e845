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
