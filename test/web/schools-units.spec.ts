import type { CategorisationTable, CategorySchemeView, SchoolRow } from '@rag-ledger/contract';
import { EXAMPLE_SCHEMES } from '@rag-ledger/domain';

import { formBody, schoolForms } from '../../apps/web/src/school-forms';
import {
  categoriesText, categorisationLayout, categorisationLine, improvementPlanText, isRegisterFiltered, ofstedText, registerFilterFromParams, registerFilterToParams, touchesRegister, visitDueText, visitRagText,
} from '../../apps/web/src/schools-text';

/** The web board's words for the schools register, its forms' bodies and the categorisation table, without a browser. */
describe('the schools register in words', () => {
  const schemes: CategorySchemeView[] = EXAMPLE_SCHEMES.map((s) => ({ id: s.schemeId, name: s.name, kind: s.kind, categories: s.categories, revision: 0 }));
  const norfolk = schemes.find((s) => s.id === 'norfolk')!;

  it('keeps the register filters in the hash, dropping values the server would refuse', () => {
    const filter = registerFilterFromParams({ phase: 'primary', district: ' Breckland ', visit: 'overdue', plan: 'overdue', asOf: '2013-12-31', category: 'B3', bogus: 'x' });
    expect(registerFilterToParams(filter)).toEqual({ phase: 'primary', district: 'Breckland', visit: 'overdue', plan: 'overdue', asOf: '2013-12-31', category: 'B3' });
    expect(registerFilterToParams(registerFilterFromParams({ phase: 'grammar', visit: 'soon', plan: 'yes', asOf: '31/12/2013' }))).toEqual({});
    expect(isRegisterFiltered(registerFilterFromParams({ asOf: '2013-12-31' }))).toBe(false);
    expect(isRegisterFiltered(registerFilterFromParams({ officer: 'Mary' }))).toBe(true);
  });

  it('reads the register again for a batch with the register\'s entry (stream "school-", no URN), and not for the plans\' own', () => {
    expect(touchesRegister([{ streamId: 'school-' }])).toBe(true);
    expect(touchesRegister([{ streamId: 'action-SIP.1' }, { streamId: 'scheme-norfolk' }])).toBe(true);
    expect(touchesRegister([{ streamId: 'action-SIP.1' }, { streamId: 'plan-SIP' }, { streamId: 'directory-people' }])).toBe(false);
    expect(touchesRegister([])).toBe(false);
  });

  it('says when the next visit is due in words, overdue included (never colour alone)', () => {
    expect(visitDueText({ nextVisitDueOn: '2013-12-03', visitDue: 'overdue' })).toBe('Overdue: was due 2013-12-03');
    expect(visitDueText({ nextVisitDueOn: '2013-12-03', visitDue: 'due' })).toBe('Due 2013-12-03');
    expect(visitDueText({ nextVisitDueOn: '2014-01-10', visitDue: 'not-due' })).toBe('Next by 2014-01-10');
    expect(visitDueText({ nextVisitDueOn: null, visitDue: 'no-schedule' })).toBe('No visit schedule');
    expect(visitRagText('G')).toBe('Green: good progress');
    expect(visitRagText(null)).toBe('No RAG given');
  });

  it('words an Ofsted judgement, the improvement plan, and the categories held per scheme', () => {
    expect(ofstedText({ grade: 4, category: 'special-measures', inspectedOn: '2013-09-10', publishedOn: '2013-10-01' })).toBe('4 Inadequate: special measures');
    expect(ofstedText({ grade: 2, category: null, inspectedOn: '2013-09-10', publishedOn: '2013-10-01' })).toBe('2 Good');
    expect(ofstedText(null)).toBe('No judgement yet');
    const plan = (p: Partial<SchoolRow['improvementPlan']>): SchoolRow['improvementPlan'] => ({ dueOn: null, receivedOn: null, evaluatedOn: null, evaluation: null, overdue: false, ...p });
    expect(improvementPlanText(plan({ dueOn: '2013-10-15', overdue: true }))).toBe('Overdue: was due 2013-10-15');
    expect(improvementPlanText(plan({ dueOn: '2013-10-15' }))).toBe('Due 2013-10-15');
    expect(improvementPlanText(plan({ dueOn: '2013-10-15', receivedOn: '2013-10-14' }))).toBe('Received 2013-10-14');
    expect(improvementPlanText(plan({}))).toBe('None due');
    const a4 = norfolk.categories.find((c) => c.code === 'A4')!;
    expect(categoriesText({ norfolk: 'A4', gone: 'X' }, schemes)).toEqual([{ scheme: 'gone', code: 'X', label: '' }, { scheme: norfolk.name, code: 'A4', label: a4.label }].sort((x, y) => x.scheme.localeCompare(y.scheme)));
  });

  it('lays the categorisation table out as the strategy prints it: the codes worst first, zeros included, totals per code and phase', () => {
    const table: CategorisationTable = {
      asOf: '2013-09-30',
      scheme: 'norfolk',
      phases: [
        { phase: 'primary', counts: { A4: 62, B3: 64, E2: 100 }, uncategorised: 0, total: 226 },
        { phase: 'secondary', counts: { A4: 5, B3: 7 }, uncategorised: 0, total: 12, schools: [{ urn: '121212', name: 'Ashwell High', category: 'B3' }] },
      ],
    };
    const layout = categorisationLayout(table, norfolk);
    const order = [...norfolk.categories].sort((a, b) => a.order - b.order).map((c) => c.code);
    expect(layout.codes.map((c) => c.code)).toEqual(order);
    expect(layout.rows.map((r) => [r.label, r.counts[order.indexOf('A4')], r.counts[order.indexOf('B3')], r.total])).toEqual([['Primary', 62, 64, 226], ['Secondary', 5, 7, 12]]);
    expect(layout.rows[0].counts.filter((n) => n === 0)).toHaveLength(order.length - 3);
    expect(layout.totals[order.indexOf('A4')]).toBe(67);
    expect(layout.total).toBe(238);
    expect(layout.uncategorised).toBe(0);
    expect(layout.rows[1].schools).toEqual([{ urn: '121212', name: 'Ashwell High', category: 'B3' }]);
    expect(layout.rows[0].schools).toBeUndefined();
    expect(categorisationLine('September 2013', layout.codes.slice(0, 2), layout.totals.slice(0, 2))).toBe(`September 2013: ${order[0]} ${layout.totals[0]}, ${order[1]} ${layout.totals[1]}`);
    // A code counted that the scheme no longer lists still gets its column.
    expect(categorisationLayout({ ...table, phases: [{ phase: 'primary', counts: { Z9: 1 }, uncategorised: 2, total: 3 }] }, norfolk).codes.at(-1)).toEqual({ code: 'Z9', label: '' });
  });

  describe('the school page forms', () => {
    const forms = schoolForms({ warningNotices: [] }, schemes);
    const form = (id: string) => forms.find((f) => f.id === id)!;

    it('offers every change the register records, the withdrawal only when a notice is in force, and the scheme codes in the selects', () => {
      expect(forms.map((f) => f.id)).toEqual(['visit', 'categorisation', 'ofsted', 'warning-notice', 'stage', 'power', 'officer', 'improvement-plan', 'details', 'conversion', 'closure']);
      const withNotice = schoolForms({ warningNotices: [{ noticeId: 'wn-1', kind: 'la-warning', issuedOn: '2013-10-01' }] }, schemes);
      expect(withNotice.map((f) => f.id)).toContain('withdrawal');
      const category = form('categorisation').fields.find((f) => f.name === 'category')!;
      expect(category.options!.filter((o) => o.group === norfolk.name).map((o) => o.value)).toEqual([...norfolk.categories].sort((a, b) => a.order - b.order).map((c) => c.code));
      const stage = form('stage').fields.find((f) => f.name === 'stage')!;
      expect(stage.options!.some((o) => o.group && o.group === schemes.find((s) => s.kind === 'intervention-stage')!.name)).toBe(true);
    });

    it('turns what was typed into the route body: empty fields left out, the grade a number, notes always sent', () => {
      expect(formBody(form('visit'), { visitedOn: '2013-11-19', officer: ' Mary Evans ', purpose: 'Termly review', notes: '', rag: 'G' })).toEqual({
        path: 'visits', body: { visitedOn: '2013-11-19', officer: 'Mary Evans', purpose: 'Termly review', notes: '', rag: 'G' },
      });
      expect(formBody(form('ofsted'), { inspectedOn: '2013-09-10', publishedOn: '2013-10-01', grade: '3', category: '' })).toEqual({
        path: 'ofsted-judgements', body: { inspectedOn: '2013-09-10', publishedOn: '2013-10-01', grade: 3 },
      });
      expect(formBody(form('stage'), { scheme: 'essex-stages', stage: '2', changedOn: '', automatic: 'true', reason: 'Grade 3' })).toEqual({
        path: 'intervention-stages', body: { scheme: 'essex-stages', stage: '2', automatic: true, reason: 'Grade 3' },
      });
      expect(formBody(form('details'), { name: '', phase: '', type: '', district: 'South Norfolk', trust: '', openedOn: '', pupils: '224', reason: 'The national list was wrong' })).toEqual({
        path: 'details', body: { district: 'South Norfolk', pupils: 224, reason: 'The national list was wrong' },
      });
      const withdrawal = schoolForms({ warningNotices: [{ noticeId: 'wn-1', kind: 'la-warning', issuedOn: '2013-10-01' }] }, schemes).find((f) => f.id === 'withdrawal')!;
      expect(formBody(withdrawal, { noticeId: 'wn-1', withdrawnOn: '', reason: 'Standards rose' })).toEqual({ path: 'warning-notices/wn-1/withdrawal', body: { reason: 'Standards rose' } });
    });

    it('names the first problem in plain words before sending', () => {
      expect(formBody(form('visit'), { visitedOn: '', officer: 'M', purpose: 'p', notes: '' })).toEqual({ problem: 'Give the day of the visit.' });
      expect(formBody(form('ofsted'), { inspectedOn: '2013-09-10', publishedOn: '2013-10-01', grade: '4', category: '' })).toEqual({ problem: expect.stringMatching(/grade 4 judgement needs its category/) });
      expect(formBody(form('ofsted'), { inspectedOn: '2013-09-10', publishedOn: '2013-10-01', grade: '2', category: 'serious-weaknesses' })).toEqual({ problem: expect.stringMatching(/Only a grade 4/) });
      expect(formBody(form('improvement-plan'), { receivedOn: '', evaluatedOn: '', evaluation: '' })).toEqual({ problem: expect.stringMatching(/received, or the day it was evaluated/) });
      expect(formBody(form('details'), { name: '', phase: '', type: '', district: '', trust: '', openedOn: '', pupils: '', reason: 'r' })).toEqual({ problem: 'Give at least one detail that changes.' });
      expect(formBody(form('details'), { name: '', phase: '', type: '', district: '', trust: '', openedOn: '', pupils: 'many', reason: 'r' })).toEqual({ problem: expect.stringMatching(/whole number/) });
      expect(formBody(form('conversion'), { successorUrn: '1234', convertedOn: '2013-09-01', reason: 'Academy order', name: '', type: '', trust: '' })).toEqual({ problem: expect.stringMatching(/six digits/) });
    });
  });
});
