import type { MeasureJudgement } from '@rag-ledger/domain';
import { MeasuresProjection } from '@rag-ledger/projections';
import { projectionSpec, type GivenEvent } from './projection-spec';

/** The measures' rows (measure-rows.ts), given events. */
const measures = projectionSpec(() => new MeasuresProjection());

const base = { measureId: 'EDU.M.1', planId: 'EDU' };
const defined: GivenEvent = {
  type: 'MeasureDefined',
  data: { ...base, workstreamId: 'EDU.1', name: '% of primary schools good or better', unit: 'percent', polarity: 'higher', amberTolerance: 2 },
};
const judged = (rag: 'G' | 'A' | 'R' | null, explanation: string): MeasureJudgement => ({ rule: 'measure-rag/1', rag, period: rag ? '2014' : null, explanation });
const parsed = (rows: unknown[]): Array<Record<string, unknown>> =>
  (rows as Array<Record<string, string | number | null>>).map((row) => ({
    ...row,
    ...(typeof row.judgement === 'string' ? { judgement: JSON.parse(row.judgement) } : {}),
    ...(typeof row.override === 'string' ? { override: JSON.parse(row.override) } : {}),
  }));

describe('measures projection: given events, then rows', () => {
  it('keeps the judgement stored with each event that made one, and the last one through events that made none', () => {
    const green = judged('G', '81% in 2014 against target 79%: Green');
    const given = measures.given(
      defined,
      { type: 'MeasureTargetSet', data: { ...base, period: '2014', value: 79, judgement: judged(null, 'no value yet') } },
      { type: 'MeasureValueRecorded', data: { ...base, period: '2014', value: 81, provisional: false, judgement: green } },
      { type: 'MeasureComparatorRecorded', data: { ...base, period: '2014', comparator: 'national', value: 80 } },
    );
    const rows = parsed(given.db.prepare('SELECT position, judgement, revision FROM measures_versions ORDER BY position').all());
    expect(rows.map((r) => [r.position, (r.judgement as MeasureJudgement).explanation, r.revision])).toEqual([
      [1, expect.any(String), 0],
      [2, 'no value yet', 1],
      [3, green.explanation, 2],
      [4, green.explanation, 3],
    ]);
    expect(parsed(given.db.prepare('SELECT id, plan_id, workstream_id, judgement, override, last_changed_at, revision, seq FROM measures').all())).toEqual([
      { id: 'EDU.M.1', plan_id: 'EDU', workstream_id: 'EDU.1', judgement: green, override: null, last_changed_at: '2013-11-01T09:03:00.000Z', revision: 3, seq: 1 },
    ]);
    const state = JSON.parse(given.db.prepare('SELECT state FROM measures').pluck().get() as string);
    given.db.close();
    expect(state).toMatchObject({ exists: true, id: 'EDU.M.1', name: '% of primary schools good or better' });
  });

  it('shows an override beside the judgement, with who and when, and keeps it through later values', () => {
    const chair = { id: 'chair', name: 'Independent Chair', role: 'board' as const };
    const amber = judged('A', '78% in 2014 against target 79%: Amber');
    const given = measures.given(
      defined,
      { type: 'MeasureValueRecorded', data: { ...base, period: '2014', value: 78, provisional: true, judgement: amber } },
      { type: 'MeasureRagOverridden', data: { ...base, rag: 'G', reason: 'Two schools re-inspected since', computed: amber }, actor: chair, at: '2014-03-01T10:00:00.000Z' },
      { type: 'MeasureValueRevised', data: { ...base, period: '2014', value: 78.5, previous: 78, reason: 'final figures', judgement: amber }, at: '2014-04-01T10:00:00.000Z' },
    );
    given.then('SELECT override, revision FROM measures', [
      { override: JSON.stringify({ rag: 'G', reason: 'Two schools re-inspected since', by: chair, at: '2014-03-01T10:00:00.000Z' }), revision: 3 },
    ]);
  });

  it('leaves no row for a measure that was never defined, and reads no action events', () => {
    measures
      .given(
        { type: 'MeasureValueRecorded', data: { ...base, period: '2014', value: 81, provisional: false, judgement: judged('G', 'x') } },
        { type: 'ActionStarted', data: { actionId: 'A1', planId: 'EDU', rag: 'G' } },
      )
      .then('SELECT count(*) AS n FROM measures_versions', [{ n: 0 }]);
  });
});
