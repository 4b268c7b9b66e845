import { formatStamp } from '@rag-ledger/event-store';
import type { EvidencePack } from '../evidence-pack';

/**
 * The pack's stamp as `<position>:<hash>`, the form `npm run verify -- --expect` and
 * `GET /api/audit/verify?expect=` take, or why there is none.
 */
export function stampText(stamp: EvidencePack['stamp']): string {
  if (stamp.position === null) return 'none: the log held no event by the end of the period';
  if (stamp.chainHead === null) return `position ${stamp.position} (the log holds no chain hash for it: EventStoreDB keeps none, or the event is gone)`;
  return formatStamp({ position: stamp.position, hash: stamp.chainHead });
}

/** How to check it, in words for the reader of the pack. */
export function stampCheckText(stamp: EvidencePack['stamp']): string {
  if (stamp.position === null || stamp.chainHead === null) return '';
  const text = stampText(stamp);
  return `check that the log still holds it: npm run verify -- --expect ${text}, or GET /api/audit/verify?expect=${text}`;
}
