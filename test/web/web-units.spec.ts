import { type BoardRow, describeEntry, type HistoryEntry, type MeasureBoardRow, type MeasureUnit, whyOf } from '@rag-ledger/contract';

import { formsFor } from '../../apps/web/src/action-forms';
import { filterFromParams, filterToParams, matches, NO_FILTER, ownersOf } from '../../apps/web/src/filters';
import { formatDay, formatInstant, happenedBy } from '../../apps/web/src/format';
import { escapeHtml, html } from '../../apps/web/src/html';
import {
  changedMeasures, describeMeasureEntry, directionText, formatMeasureValue, judgementOf, overrideText, polarityText, revisionText,
} from '../../apps/web/src/measures';
import { rightsText, rightText } from '../../apps/web/src/people-text';
import { href, parseHash } from '../../apps/web/src/router';
import { stampText } from '../../apps/web/src/stamp';

/** The web board's modules that need no browser. */
describe('the web board, without a browser', () => {
  describe('html``', () => {
    it('escapes every interpolated value, so text from users never becomes markup', () => {
      const title = `<img src=x onerror="alert(1)"> & 'quotes' \`tick\``;
      expect(html`<td title="${title}">${title}</td>`.value).toBe(
        '<td title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quotes&#39; &#96;tick&#96;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quotes&#39; &#96;tick&#96;</td>',
      );
      expect(escapeHtml('</script>')).toBe('&lt;/script&gt;');
    });

    it('keeps nested templates, joins lists, and leaves out null, undefined and false', () => {
      const items = ['<a>', 'b'].map((x) => html`<li>${x}</li>`);
      expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>0');
    });
  });

  it('prints the log stamp in the form verify --expect takes, or says why there is none', () => {
    const head = 'ab'.repeat(32);
    expect(stampText({ position: 1042, head })).toBe(`log stamp 1042:${head}`);
    expect(stampText({ position: 1042, head: null })).toBe('log position 1042 (the log holds no chain hash for it)');
    expect(stampText({ position: null, head: null })).toBe('log stamp: none (no event yet)');
    expect(stampText(undefined)).toBe('');
  });

  describe('rights in words', () => {
    it('names every right a person holds, the plans they own with the owner role, and none as none', () => {
      expect(rightsText([{ role: 'owner', planId: 'SIP' }, { role: 'auditor' }, { role: 'owner', planId: 'LAC' }])).toBe('Plan owner of SIP, LAC · Auditor');
      expect(rightsText([{ role: 'admin' }])).toBe('Administrator');
      expect(rightsText([])).toBe('No rights');
      expect(rightText({ role: 'owner', planId: 'EDU' })).toBe('Plan owner of EDU');
      expect(rightText({ role: 'board' })).toBe('Board member');
      expect(rightText({ role: 'school', urn: '121212' })).toBe('Headteacher or chair of governors of school 121212');
      expect(rightText({ role: 'board', urn: '654321' })).toBe('Board member named for school 654321');
      expect(rightsText([{ role: 'board' }, { role: 'board', urn: '111111' }, { role: 'board', urn: '654321' }, { role: 'school', urn: '121212' }])).toBe(
        'Board member · Headteacher or chair of governors of school 121212 · Board member named for schools 111111, 654321',
      );
    });
  });

  describe('board filters', () => {
    const rows: BoardRow[] = [
      { id: 'SIP.PS.1.1.1', ref: '1.1.1', title: 'Map the journey of the child', owners: ['AB', 'AH'], targetDate: '2013-12-31', status: 'R', overdue: false, lastChangedAt: '', evidenceCount: 0, stepsDone: 0, stepsTotal: 0 },
      { id: 'SIP.PS.1.2', ref: '1.2', title: 'Audit strategy meetings', owners: ['CM'], targetDate: '2013-10-31', status: 'A', overdue: true, lastChangedAt: '', evidenceCount: 0, stepsDone: 0, stepsTotal: 0 },
      { id: 'SIP.P.2', ref: null, title: 'Recruit social workers', owners: ['AH'], targetDate: null, status: 'W', overdue: false, lastChangedAt: '', evidenceCount: 0, stepsDone: 0, stepsTotal: 0 },
    ];
    const ids = (f: Partial<typeof NO_FILTER>) => rows.filter((r) => matches(r, { ...NO_FILTER, ...f })).map((r) => r.id);

    it('filters by status, owner, overdue and words in any order', () => {
      expect(ids({})).toHaveLength(3);
      expect(ids({ status: 'R' })).toEqual(['SIP.PS.1.1.1']);
      expect(ids({ owner: 'AH' })).toEqual(['SIP.PS.1.1.1', 'SIP.P.2']);
      expect(ids({ overdue: true })).toEqual(['SIP.PS.1.2']);
      expect(ids({ q: 'child MAP' })).toEqual(['SIP.PS.1.1.1']);
      expect(ids({ q: '1.2' })).toEqual(['SIP.PS.1.2']);
      expect(ids({ q: 'cm' })).toEqual(['SIP.PS.1.2']);
      expect(ids({ owner: 'AH', status: 'W' })).toEqual(['SIP.P.2']);
      expect(ownersOf(rows)).toEqual(['AB', 'AH', 'CM']);
    });

    it('round-trips through the address', () => {
      const f = { status: 'A' as const, owner: 'CM', overdue: true, q: 'audit' };
      expect(filterFromParams(filterToParams(f))).toEqual(f);
      expect(filterFromParams({ status: 'purple' })).toEqual(NO_FILTER);
    });
  });

  it('offers the forms of the changes the rules allow from each status, in the order the page shows them', () => {
    expect(formsFor('W')).toEqual(['start', 'note', 'target-date', 'complete']);
    for (const s of ['G', 'A', 'R'] as const) expect(formsFor(s)).toEqual(['rag', 'note', 'target-date', 'complete']);
    expect(formsFor('B')).toEqual(['reopen', 'note']);
    expect(formsFor('withdrawn')).toEqual([]);
  });

  describe('history entries', () => {
    const entry = (type: string, data: Record<string, unknown>, reason: string | null = null): HistoryEntry => ({
      position: 1, revision: 1, type, at: '2013-11-20T15:30:00.000Z', actor: { id: 'ab', name: 'Andrea Brown', role: 'owner' }, data, reason,
    });

    it('say what changed, with chips for statuses and dates as councils write them', () => {
      expect(describeEntry(entry('ActionRagChanged', { from: 'G', to: 'R' }, 'why'))).toEqual(['RAG changed from ', { status: 'G' }, ' to ', { status: 'R' }]);
      expect(describeEntry(entry('ActionTargetDateRevised', { from: '2013-12-31', to: '2014-03-31' }), formatDay)).toEqual(['Target date moved from 31 Dec 2013 to 31 Mar 2014']);
      expect(describeEntry(entry('ActionOwnersReassigned', { from: ['AB', 'AH'], to: ['AB', 'CM'] }))).toEqual(['Owners changed from AB, AH to AB, CM']);
      expect(describeEntry(entry('SomethingNew', {}))).toEqual(['SomethingNew']);
    });

    it('give the reason as "Why", a start or completion note as "Note", and nothing twice for a progress note', () => {
      expect(whyOf(entry('ActionRagChanged', {}, 'Recruitment failed'))).toEqual({ label: 'Why', text: 'Recruitment failed' });
      expect(whyOf(entry('ActionCompleted', { note: 'Signed off' }, 'Signed off'))).toEqual({ label: 'Note', text: 'Signed off' });
      expect(whyOf(entry('ActionProgressNoted', { text: 'Workshop held' }, 'Workshop held'))).toBeNull();
      expect(whyOf(entry('ActionStarted', { rag: 'G' }))).toBeNull();
    });
  });

  it('routes by hash, with ids that carry dots, tildes and anything else encoded', () => {
    expect(parseHash('#/plans/SIP?asOf=2014-01-15&q=a%20b')).toEqual({ path: ['plans', 'SIP'], params: { asOf: '2014-01-15', q: 'a b' } });
    expect(parseHash('')).toEqual({ path: [], params: {} });
    const link = href(['actions', 'SIP.PS.1.1~x/y'], { asOf: '2014-01-15', empty: '', none: undefined });
    expect(link).toBe('#/actions/SIP.PS.1.1~x%2Fy?asOf=2014-01-15');
    expect(parseHash(link)).toEqual({ path: ['actions', 'SIP.PS.1.1~x/y'], params: { asOf: '2014-01-15' } });
  });

  it("shows a past page's history to the end of the UK day picked, as the API reads the date", () => {
    expect(happenedBy('2014-06-15T22:30:00.000Z', '2014-06-15')).toBe(true); // 23:30 BST on 15 June
    expect(happenedBy('2014-06-15T23:30:00.000Z', '2014-06-15')).toBe(false); // 00:30 BST on 16 June
    expect(happenedBy('2014-01-15T23:30:00.000Z', '2014-01-15')).toBe(true); // 23:30 GMT
    expect(happenedBy('2014-01-16T00:30:00.000Z', '2014-01-15')).toBe(false);
    expect(happenedBy('2014-10-26T23:30:00.000Z', '2014-10-26')).toBe(true); // the 25-hour day
    expect(happenedBy('2014-06-15T10:00:00.000Z', '2014-06-15T11:00:00+01:00')).toBe(true);
    expect(happenedBy('2014-06-15T10:00:01.000Z', '2014-06-15T11:00:00+01:00')).toBe(false);
  });

  it('writes dates as councils do, and times in UK time whatever the zone', () => {
    expect(formatDay('2013-12-31')).toBe('31 Dec 2013');
    expect(formatDay(null)).toBe('');
    expect(formatInstant('2013-11-20T15:30:00.000Z')).toBe('20 Nov 2013, 15:30');
    expect(formatInstant('2014-06-01T10:00:00.000Z')).toBe('1 Jun 2014, 11:00'); // British Summer Time
  });

  describe('outcome measures', () => {
    it('write figures in their unit, rounded to two places, and nothing for no figure', () => {
      const units: MeasureUnit[] = ['percent', 'count', 'days', 'rate'];
      expect(units.map((unit) => formatMeasureValue(81.126, unit))).toEqual(['81.13%', '81.13', '81.13 days', '81.13']);
      expect(formatMeasureValue(-3, 'count')).toBe('-3');
      expect(formatMeasureValue(Number.NaN, 'percent')).toBe('');
      expect(formatMeasureValue(81, 'percent')).toBe('81%');
      expect(formatMeasureValue(48, 'days')).toBe('48 days');
      expect(formatMeasureValue(null, 'percent')).toBe('');
    });

    it('say the direction of travel, the polarity, the override and a revision in words', () => {
      expect(['improving', 'worsening', 'steady', null].map((d) => directionText(d as 'steady'))).toEqual([
        'Improving', 'Worsening', 'Steady', 'Not known yet (fewer than two values)',
      ]);
      expect(polarityText('lower')).toBe('Lower is better');
      expect(polarityText('higher')).toBe('Higher is better');
      const override = { rag: 'G' as const, reason: 'Plans signed off', by: { id: 'cs', name: 'Chris Snudden', role: 'owner' }, at: '2014-11-21T09:00:00.000Z' };
      expect(overrideText(override)).toBe('overridden by Chris Snudden: Plans signed off');
      expect(revisionText({ revisedFrom: 81, revisionReason: 'Re-inspections' }, 'percent')).toBe('revised from 81%: Re-inspections');
      expect(revisionText({ revisedFrom: null, revisionReason: null }, 'percent')).toBe('');
    });

    it('find the measures that changed between two reads of a board', () => {
      const row = (id: string, over: Partial<MeasureBoardRow> = {}): MeasureBoardRow => ({
        id, name: id, unit: 'percent', polarity: 'higher', workstreamId: null, period: '2014', value: 74, provisional: false, target: 79, national: 80,
        rag: 'R', explanation: '', override: null, direction: 'improving', lastChangedAt: '2014-11-20T09:00:00.000Z', ...over,
      });
      const before = [row('a'), row('b'), row('c')];
      const after = [row('a'), row('b', { rag: 'A', value: 77, lastChangedAt: '2014-11-22T09:00:00.000Z' }), row('c', { national: 81 }), row('d')];
      expect(changedMeasures(before, after).map((m) => m.id)).toEqual(['b', 'c', 'd']);
      expect(changedMeasures(before, before)).toEqual([]);
    });

    describe('history entries', () => {
      const entry = (type: string, data: Record<string, unknown>, reason: string | null = null): HistoryEntry => ({
        position: 1, revision: 1, type, at: '2014-11-20T09:00:00.000Z', actor: { id: 'cs', name: 'Chris Snudden', role: 'owner' }, data, reason,
      });
      const judgement = { rule: 'measure-rag/1', rag: 'R', period: '2014', explanation: '74% in 2014 against target 79%: Red' };

      it('say what each event did, in the measure\'s unit', () => {
        expect(describeMeasureEntry(entry('MeasureDefined', { unit: 'percent', polarity: 'higher', baseline: { period: '2013', value: 64 }, amberTolerance: 3 }), 'percent')).toEqual([
          'Measure defined: percentage, higher is better, baseline 64% in 2013, Amber when worse than target by up to 3%',
        ]);
        expect(describeMeasureEntry(entry('MeasureDefined', { unit: 'days', polarity: 'lower', amberTolerance: 5 }), 'days')).toEqual([
          'Measure defined: days, lower is better, no baseline, Amber when worse than target by up to 5 days',
        ]);
        expect(describeMeasureEntry(entry('MeasureTargetSet', { period: '2014', value: 79, judgement }), 'percent')).toEqual(['Target for 2014 set at 79%']);
        expect(describeMeasureEntry(entry('MeasureValueRecorded', { period: '2014', value: 76, provisional: true, source: 'Tracker', judgement }), 'percent')).toEqual([
          'Value for 2014 recorded: 76% (provisional), source: Tracker',
        ]);
        expect(describeMeasureEntry(entry('MeasureValueRevised', { period: '2014', value: 74, previous: 81, reason: 'x', judgement }, 'x'), 'percent')).toEqual([
          'Value for 2014 revised from 81% to 74%',
        ]);
        expect(describeMeasureEntry(entry('MeasureComparatorRecorded', { period: '2014', comparator: 'statisticalNeighbours', value: 77.5 }), 'percent')).toEqual([
          'Statistical neighbours comparator for 2014: 77.5%',
        ]);
        expect(describeMeasureEntry(entry('MeasureRagOverridden', { rag: 'G', reason: 'y', computed: judgement }, 'y'), 'percent')).toEqual(['RAG overridden to ', { status: 'G' }]);
        expect(describeMeasureEntry(entry('MeasurePredictionRecorded', { period: '2014-07', value: 78 }), 'percent')).toEqual(['Prediction for 2014-07: 78%']);
        expect(describeMeasureEntry(entry('MeasurePredictionRecorded', { period: '2014-07', value: 80, previous: 78 }), 'percent')).toEqual(['Prediction for 2014-07: 80% (was 78%)']);
        expect(describeMeasureEntry(entry('MeasureDefined', { unit: 'percent', polarity: 'higher', amberTolerance: 3, computedFrom: 'register', indicator: 'good-or-better', phase: 'primary' }), 'percent')).toEqual([
          'Measure defined: percentage, higher is better, no baseline, Amber when worse than target by up to 3%, computed from the schools register: % of schools judged good or better (primary)',
        ]);
        expect(describeMeasureEntry(entry('MeasureSomethingNew', {}), 'percent')).toEqual(['MeasureSomethingNew']);
      });

      it('carry the judgement made at the time (for an override, the computed one), and the reason as "Why"', () => {
        expect(judgementOf(entry('MeasureValueRevised', { judgement }))).toEqual({ rag: 'R', explanation: judgement.explanation });
        expect(judgementOf(entry('MeasureRagOverridden', { rag: 'G', computed: judgement }))).toEqual({ rag: 'R', explanation: judgement.explanation });
        expect(judgementOf(entry('MeasureTargetSet', { judgement: { ...judgement, rag: null, explanation: 'No value recorded yet: no RAG' } }))).toEqual({
          rag: null, explanation: 'No value recorded yet: no RAG',
        });
        expect(judgementOf(entry('MeasureComparatorRecorded', { period: '2014' }))).toBeNull();
        expect(whyOf(entry('MeasureValueRevised', {}, 'Re-inspections reclassified 12 schools'))).toEqual({ label: 'Why', text: 'Re-inspections reclassified 12 schools' });
      });
    });
  });
});
