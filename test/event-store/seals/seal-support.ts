import { SEAL_MAX_EVENTS, SEAL_STREAM, sealDecider, type SealReason } from '@rag-ledger/domain';
import { unsealedStretches, type EventStore } from '@rag-ledger/event-store';
import { WritePath } from '@rag-ledger/write-path';

/** Who seals in these tests, and when. */
const context = { actor: { id: 'ia', name: 'Internal Audit', role: 'auditor' as const }, correlationId: 'seal-test' };
const clock = { now: () => new Date('2014-03-12T09:30:00.000Z') };

/** Seals the log as the server does: the reader's stretches, written through the write path one seal per append. */
export async function sealLog(store: EventStore, options: { maxEvents?: number; upTo?: number; reason?: SealReason } = {}): Promise<number> {
  const writePath = new WritePath(store, clock);
  const { state } = await writePath.stateOf(sealDecider, 'ledger');
  const stretches = await unsealedStretches(store, state.last, { sealStream: SEAL_STREAM, maxEvents: options.maxEvents ?? SEAL_MAX_EVENTS, upTo: options.upTo });
  for (const stretch of stretches) {
    await writePath.handle(sealDecider, 'ledger', { type: 'SealLog', data: { stretches: [stretch], reason: options.reason ?? 'demand' } }, context);
  }
  return stretches.length;
}

/** The same store seen as one that keeps no per-event chain (as EventStoreDB): only the seals stand for it. */
export function withoutStoredChain(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'keepsHashChain') return false;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A few events of a plan's life, as the tracker writes them (metadata as the write path gives it). */
export async function writeSome(store: EventStore, count: number, prefix = 'A'): Promise<void> {
  const metadata = { actor: { id: 'ab', name: 'Andrea Brown', role: 'owner' }, at: '2013-11-12T10:04:00.000Z', correlationId: 'req-1', causationId: 'cmd-1' };
  for (let i = 0; i < count; i++) {
    await store.appendToStream(`action-${prefix}${i % 3}`, { type: 'ActionRagChanged', data: { actionId: `${prefix}${i % 3}`, from: 'G', to: i % 2 ? 'A' : 'R', reason: `Review ${i}` }, metadata });
  }
}
