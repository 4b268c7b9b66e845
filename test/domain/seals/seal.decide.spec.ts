import { EmptySealError, SealDoesNotContinueError, sealDecider, SEAL_STREAM, type SealEvent, type SealStretch } from '@rag-ledger/domain';
import { deciderSpec } from '../decider-spec';

const given = deciderSpec(sealDecider);

const hash = (digit: string) => digit.repeat(64);
const stretch = (from: { position: number; hash: string } | null, position: number, digit: string): SealStretch => {
  const start = (from?.position ?? 0) + 1;
  return { position, hash: hash(digit), previous: from, events: Array.from({ length: position - start + 1 }, (_, i) => [start + i, digit.repeat(16)] as [number, string]) };
};
const sealed = (s: SealStretch, reason: 'interval' | 'demand' | 'pack' = 'demand'): SealEvent => ({ type: 'LogSealed', data: { ...s, reason } });

const first = stretch(null, 3, 'a');
const second = stretch({ position: 3, hash: hash('a') }, 7, 'b');
const third = stretch({ position: 7, hash: hash('b') }, 9, 'c');

describe('sealing the log (given/when/then)', () => {
  it('lives in the one seal stream', () => {
    expect(sealDecider.streamOf('anything')).toBe(SEAL_STREAM);
    expect(SEAL_STREAM).toBe('logseal-ledger');
  });

  it("seals a log never sealed, from the log's start", () => {
    given([]).when({ type: 'SealLog', data: { stretches: [first], reason: 'interval' } }).then(sealed(first, 'interval'));
  });

  it('continues from the last seal', () => {
    given([sealed(first)]).when({ type: 'SealLog', data: { stretches: [second], reason: 'pack' } }).then(sealed(second, 'pack'));
  });

  it('seals a long stretch in several seals in a row, each continuing from the one before', () => {
    given([]).when({ type: 'SealLog', data: { stretches: [first, second, third], reason: 'demand' } }).then([sealed(first), sealed(second), sealed(third)]);
  });

  it('does nothing when the reader found nothing new since the last seal', () => {
    given([sealed(first), sealed(second)]).when({ type: 'SealLog', data: { stretches: [], reason: 'interval' } }).then([]);
  });

  it('refuses a seal computed before another was written (it would fork the seals)', () => {
    // Two servers computed from the first seal; the other one's seal is written first.
    given([sealed(first), sealed(second)])
      .when({ type: 'SealLog', data: { stretches: [stretch({ position: 3, hash: hash('a') }, 8, 'd')], reason: 'interval' } })
      .thenThrows(SealDoesNotContinueError, /last seal is at log position 7.*Seal again/);
  });

  it("refuses a first seal that claims to continue from a seal the log doesn't have", () => {
    given([]).when({ type: 'SealLog', data: { stretches: [second], reason: 'demand' } }).thenThrows(SealDoesNotContinueError, /continues from log position 3.*the log’s start/);
  });

  it('refuses stretches that do not follow one another', () => {
    given([]).when({ type: 'SealLog', data: { stretches: [first, third], reason: 'demand' } }).thenThrows(SealDoesNotContinueError);
  });

  it('refuses a seal that covers no event', () => {
    given([sealed(first)])
      .when({ type: 'SealLog', data: { stretches: [{ position: 3, hash: hash('e'), previous: { position: 3, hash: hash('a') }, events: [] }], reason: 'demand' } })
      .thenThrows(EmptySealError, /covers no event/);
  });
});
