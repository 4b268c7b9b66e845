import { hash } from 'node:crypto';
import { canonicalJson, eventHash, withoutChain } from '@rag-ledger/event-store';
import { sampleEvent } from './event-store.bench';
import { median, rate } from './measure';

export interface HashChainFigure {
  /** Events hashed per second by the chain alone, each chained to the hash before it. */
  perSecond: number;
  /** SHA-256 alone (one-shot, as the chain uses it) over the same canonical texts, per second: the chain's ceiling. */
  sha256PerSecond: number;
  /** Bytes of an event's data and metadata as JSON. */
  eventBytes: number;
}

/**
 * The chain without the store: eventHash over 100,000 realistic ~300-byte events, as
 * verification does for every event of the log and an append for every event it writes.
 */
export async function benchHashChain(count = 100_000): Promise<HashChainFigure> {
  const events = Array.from({ length: count }, (_, i) => ({
    position: BigInt(i + 1),
    streamId: `action-${i % 500}`,
    revision: BigInt(Math.floor(i / 500)),
    ...sampleEvent(i),
  }));
  const chain: number[] = [];
  for (let round = 0; round < 3; round++) {
    chain.push(
      await rate(count, () => {
        let previous: string | null = null;
        for (const event of events) previous = eventHash(event, previous);
      }),
    );
  }
  // The ceiling: the same texts (as the first release encoded them) through SHA-256 only.
  const texts = events.map((e) =>
    canonicalJson({ position: `${e.position}`, streamId: e.streamId, revision: `${e.revision}`, type: e.type, data: e.data, metadata: withoutChain(e.metadata), previousHash: 'f'.repeat(64) }),
  );
  const sha: number[] = [];
  for (let round = 0; round < 3; round++) {
    sha.push(await rate(count, () => texts.forEach((text) => hash('sha256', text, 'hex'))));
  }
  const sample = sampleEvent(0);
  return {
    perSecond: median(chain),
    sha256PerSecond: median(sha),
    eventBytes: Buffer.byteLength(JSON.stringify(sample.data)) + Buffer.byteLength(JSON.stringify(sample.metadata)),
  };
}
