/**
 * Seals: tamper evidence that holds on every store. EventStoreDB cannot compute the embedded
 * store's per-event hash chain, so the product seals the log: a reader walks the events in log
 * order and records, in a `LogSealed` event on `logseal-ledger`, the position it reached and the
 * chain's value there. The value is the embedded store's own chain recomputed by a reader:
 *   link(e) = eventHash(e, link(previous event))   (libs/event-store hash-chain.ts, metadata
 *   without `hash`/`previousHash`; the first link of the log chains to null)
 * so on the embedded store a seal's hash equals the stored `hash` of the event at its position,
 * and on EventStoreDB it is what that hash would be. Each seal starts where the previous ended
 * (its `previous`), so the seals chain one to the next; `LogSealed` events are themselves
 * events of the log, covered by the next seal. A stamp `<position>:<hash>` on EventStoreDB is a
 * seal's position and hash.
 */
import type { ActorView } from './views.js';

/** Why a seal was made: the server's timer (`RAG_LEDGER_SEAL_MINUTES`), someone asked (`POST /api/audit/seals`), or a pack was issued. */
export const SEAL_REASONS = ['interval', 'demand', 'pack'] as const;
export type SealReason = (typeof SEAL_REASONS)[number];

/** Most events one seal covers: a longer unsealed stretch is sealed in several `LogSealed` events in a row (each well under EventStoreDB's 1 MiB append). */
export const SEAL_MAX_EVENTS = 2000;

/** The data of a `LogSealed` event. */
export interface LogSealedData {
  /** The last log position the seal covers (positions are byte offsets on EventStoreDB: not counts). */
  position: number;
  /** The chain's value at `position` (64 hex digits). */
  hash: string;
  /** The seal this one continues from (its position and hash), or null for the log's first seal. */
  previous: { position: number; hash: string } | null;
  /**
   * Every event the seal covers (after `previous.position`, up to `position`), in log order: its
   * position and the first 16 hex digits of eventHash(event, null), the event's own digest, not
   * chained. The seal's hash proves the stretch is unchanged; these name the event that is not.
   */
  events: Array<[number, string]>;
  reason: SealReason;
}

/** A seal as `GET /api/audit/seals` and the packs show it. */
export interface SealView {
  /** The last log position it covers, and the chain's value there. */
  position: number;
  hash: string;
  previous: { position: number; hash: string } | null;
  /** Events covered since the previous seal. */
  count: number;
  reason: SealReason;
  sealedAt: string;
  sealedBy: ActorView;
  /** Where the `LogSealed` event itself stands in the log (after `position`; the next seal covers it). */
  sealPosition: number;
}
