import type { ActorView, LogSealedData, SealView } from '@rag-ledger/contract';
import type { RecordedEvent } from '@rag-ledger/event-store';

/** A LogSealed event as `GET /api/audit/seals` and the packs show it. */
export function sealViewOf(event: RecordedEvent): SealView {
  const data = event.data as LogSealedData;
  const metadata = (event.metadata ?? {}) as { at?: string; actor?: ActorView };
  return {
    position: data.position,
    hash: data.hash,
    previous: data.previous ?? null,
    count: data.events.length,
    reason: data.reason,
    sealedAt: metadata.at ?? event.created.toISOString(),
    sealedBy: metadata.actor ? { id: metadata.actor.id, name: metadata.actor.name, role: metadata.actor.role } : { id: 'unknown', name: 'unknown', role: 'unknown' },
    sealPosition: Number(event.position),
  };
}
