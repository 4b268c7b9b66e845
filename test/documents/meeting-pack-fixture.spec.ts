import { COUNTED_STATUSES } from '@rag-ledger/contract';
import { FIXTURE_GENERATED_AT, meetingPackFixture } from '../support/meeting-pack-fixture';

/** The fixture the pack renderers print: consistent with itself, as a real pack is. */
describe('meetingPackFixture', () => {
  const pack = meetingPackFixture();

  it('has two plans whose actions cover every status, and boards whose counts match their rows', () => {
    expect(pack.plans).toHaveLength(2);
    const statuses = new Set(pack.plans.flatMap((p) => p.workstreams.flatMap((w) => w.actions.map((a) => a.status))));
    expect([...statuses].sort()).toEqual(['A', 'B', 'G', 'R', 'W', 'withdrawn']);
    for (const plan of pack.plans) {
      const rows = plan.workstreams.flatMap((w) => w.actions).filter((a) => a.status !== 'withdrawn');
      expect(COUNTED_STATUSES.reduce((n, s) => n + plan.counts[s], 0)).toBe(rows.length);
      expect(plan.total).toBe(rows.length);
    }
  });

  it('lists Red exceptions before Amber, each with its reason', () => {
    const order = pack.exceptions.actions.map((a) => a.status);
    expect(order.indexOf('A')).toBeGreaterThan(order.lastIndexOf('R'));
    expect(pack.exceptions.actions.filter((a) => a.status === 'R' || a.status === 'A').every((a) => a.lastReason)).toBe(true);
  });

  it('draws trends of twelve months whose counts add up to their totals', () => {
    expect(pack.trends.map((t) => t.planId)).toEqual([null, ...pack.plans.map((p) => p.plan.id)]);
    for (const trend of pack.trends) {
      expect(trend.points).toHaveLength(12);
      for (const point of trend.points) {
        expect(Object.values(point.counts).every((n) => n >= 0)).toBe(true);
        expect(COUNTED_STATUSES.reduce((n, s) => n + point.counts[s], 0)).toBe(point.total);
      }
    }
  });

  it('holds board actions open, overdue and closed, and takes overrides', () => {
    expect(pack.boardActions.map((a) => [a.state, a.overdue])).toEqual(expect.arrayContaining([['open', true], ['open', false], ['closed', false]]));
    expect(pack.generatedAt).toBe(FIXTURE_GENERATED_AT);
    expect(meetingPackFixture({ generatedAt: '2015-01-01T00:00:00.000Z' }).generatedAt).toBe('2015-01-01T00:00:00.000Z');
  });
});
