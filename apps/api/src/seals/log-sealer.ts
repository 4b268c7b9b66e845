import { Inject, Injectable } from '@nestjs/common';
import { SEAL_MAX_EVENTS, SEAL_STREAM, type SealReason, type SealView } from '@rag-ledger/contract';
import { SealDoesNotContinueError, sealDecider, type Actor } from '@rag-ledger/domain';
import { BACKWARDS, END, EVENT_STORE, readStreamOrEmpty, unsealedStretches, type EventStore } from '@rag-ledger/event-store';
import { WritePath, type WriteContext } from '@rag-ledger/write-path';
import { sealViewOf } from './seal-view';

/** Who seals at intervals: the server itself (as the reminder service writes its own events). */
export const SEAL_SERVICE_ACTOR: Actor = { id: 'sealer', name: 'Log sealer', role: 'admin' };

/** A sealing: the seals made now (oldest first; none when nothing was unsealed), and the newest seal of the log. */
export interface Sealing {
  made: SealView[];
  latest: SealView | null;
}

/** How many times a sealing starts again after another server sealed first; each attempt covers less, so this only stops a livelock. */
const MAX_ATTEMPTS = 20;

/**
 * Seals the log: reads it from the last seal forwards (at most SEAL_MAX_EVENTS a seal) and writes
 * each seal through the write path at the seal stream's exact revision, one append per seal (each
 * well under EventStoreDB's largest append). When another server sealed meanwhile the seal is
 * refused (SealDoesNotContinueError) and the sealing reads again from the seal written: it finds
 * nothing left, or seals the rest. The seals stream is read, not projected: it is small, and a
 * pack must print the seal the log has, not one a read model may not yet have caught up with.
 */
@Injectable()
export class LogSealer {
  constructor(
    private readonly writePath: WritePath,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** `upTo`: seal exactly up to that position (a pack's stamp) unless a seal already covers it. */
  async seal(reason: SealReason, context: WriteContext, upTo?: number): Promise<Sealing> {
    const made: SealView[] = [];
    for (let attempt = 1; ; attempt++) {
      const { state } = await this.writePath.stateOf(sealDecider, 'ledger');
      if (upTo !== undefined && (state.last?.position ?? 0) >= upTo) break;
      const stretches = await unsealedStretches(this.store, state.last, { sealStream: SEAL_STREAM, maxEvents: SEAL_MAX_EVENTS, upTo });
      if (stretches.length === 0) break;
      try {
        for (const stretch of stretches) {
          // Without an Idempotency-Key: a repeated sealing finds nothing left to seal.
          const result = await this.writePath.handle(sealDecider, 'ledger', { type: 'SealLog', data: { stretches: [stretch], reason } }, { actor: context.actor, correlationId: context.correlationId });
          made.push(await this.sealAtRevision(result.revision));
        }
        break;
      } catch (error) {
        if (!(error instanceof SealDoesNotContinueError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
    return { made, latest: made.at(-1) ?? (await this.latest()) };
  }

  /** Every seal, newest first. */
  async seals(): Promise<SealView[]> {
    const events = await readStreamOrEmpty(this.store, SEAL_STREAM, { fromRevision: END, direction: BACKWARDS });
    return events.filter((event) => event.type === 'LogSealed').map(sealViewOf);
  }

  async latest(): Promise<SealView | null> {
    const [last] = await readStreamOrEmpty(this.store, SEAL_STREAM, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
    return last ? sealViewOf(last) : null;
  }

  /** The seal covering the position (the first whose stretch reaches it), or null when none does yet. */
  async covering(position: number): Promise<SealView | null> {
    let covering: SealView | null = null;
    for (const seal of await this.seals()) {
      if (seal.position < position) break;
      covering = seal;
    }
    return covering;
  }

  private async sealAtRevision(revision: number): Promise<SealView> {
    const [event] = await readStreamOrEmpty(this.store, SEAL_STREAM, { fromRevision: BigInt(revision), maxCount: 1 });
    return sealViewOf(event);
  }
}
