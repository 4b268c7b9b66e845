import type { ActionLink, HistoryEntry, MilestoneView, StepView } from '@rag-ledger/contract';

import { formatDay } from '../../apps/web/src/format';
import { linkDetail, linkedFromText, linkedToOf, linkPath } from '../../apps/web/src/links-text';
import {
  assessmentBodyOf, frameworkSections, frameworkSummaryText, groupMilestones, milestoneCountsText, milestoneDateText, milestoneStateClass, milestoneStateText,
} from '../../apps/web/src/milestones-text';
import {
  describeStepEntry, isStepEvent, ownersFromText, stepBodyOf, stepHistory, stepNumberOf, stepRoute, stepSavedMessage, stepsProgressText, stepStatusText,
} from '../../apps/web/src/steps-text';

/** The web board's words for steps, milestones, frameworks and links, without a browser. */
describe('steps, milestones, frameworks and links in words', () => {
  const entry = (type: string, data: Record<string, unknown>, reason: string | null = null, revision = 1): HistoryEntry => ({
    position: revision, revision, type, at: '2013-11-19T10:00:00.000Z', actor: { id: 'ab', name: 'Andrea Brown', role: 'owner' }, data, reason,
  });

  describe('steps', () => {
    it('says "3 of 5 steps done" on a board row, and nothing for an action without steps', () => {
      expect(stepsProgressText(3, 5)).toBe('3 of 5 steps done');
      expect(stepsProgressText(1, 2)).toBe('1 of 2 steps done');
      expect(stepsProgressText(0, 1)).toBe('0 of 1 step done');
      expect(stepsProgressText(0, 0)).toBe('');
      expect(stepsProgressText(undefined, undefined)).toBe('');
    });

    it('gives a step’s status in words', () => {
      expect(stepStatusText({ status: 'done' })).toBe('Done');
      expect(stepStatusText({ status: 'open' })).toBe('Open');
    });

    it('picks one step’s history out of the action’s, in order, and knows the step events', () => {
      const history = [
        entry('ActionAdded', {}),
        entry('ActionStepAdded', { stepId: 'A.s1', text: 'First' }, null, 2),
        entry('ActionStepAdded', { stepId: 'A.s2', text: 'Second' }, null, 3),
        entry('ActionRagChanged', { from: 'G', to: 'A', stepId: 'A.s1' }, 'not a step event', 4),
        entry('ActionStepCompleted', { stepId: 'A.s1' }, null, 5),
        entry('ActionStepReopened', { stepId: 'A.s1' }, 'The panel has not met yet', 6),
      ];
      expect(stepHistory(history, 'A.s1').map((e) => e.revision)).toEqual([2, 5, 6]);
      expect(stepHistory(history, 'A.s2').map((e) => e.revision)).toEqual([3]);
      expect(stepHistory(history, 'A.s9')).toEqual([]);
      expect(isStepEvent('ActionStepRevised')).toBe(true);
      expect(isStepEvent('ActionCompleted')).toBe(false);
    });

    it('describes each step event, with the step’s number on the action’s timeline', () => {
      expect(describeStepEntry(entry('ActionStepAdded', { text: 'Re-establish the panel', targetDate: '2013-10-31' }), formatDay, '2')).toBe('Step 2 added: Re-establish the panel, due 31 Oct 2013');
      expect(describeStepEntry(entry('ActionStepAdded', { text: 'Audit', targetDateText: 'end of October' }), formatDay)).toBe('Step added: Audit, due “end of October”');
      expect(describeStepEntry(entry('ActionStepCompleted', {}), formatDay, '1')).toBe('Step 1 completed');
      expect(describeStepEntry(entry('ActionStepReopened', {}), formatDay)).toBe('Step reopened');
      expect(describeStepEntry(entry('ActionStepRevised', { changes: { targetDate: '2013-12-31', owners: ['AB', 'CM'], text: 'New words' } }), formatDay, '3')).toBe(
        'Step 3 revised: target date 31 Dec 2013; owners AB, CM; text “New words”',
      );
      expect(describeStepEntry(entry('Unknown', {}), formatDay)).toBe('Unknown');
    });

    it('numbers a step by its place in the action’s list', () => {
      const steps = [{ id: 'A.s1' }, { id: 'A.s3' }];
      expect(stepNumberOf(steps, 'A.s3')).toBe('2');
      expect(stepNumberOf(steps, 'A.s2')).toBeUndefined();
    });

    it('reads typed owners as initials in order, once each', () => {
      expect(ownersFromText(' AB, CM;DF ,, AB ')).toEqual(['AB', 'CM', 'DF']);
      expect(ownersFromText('  ')).toEqual([]);
    });

    it('routes each step form to its command', () => {
      expect(stepRoute('add-step', undefined)).toBe('steps');
      expect(stepRoute('complete-step', 'SIP.PS.1.1.1.s1')).toBe('steps/SIP.PS.1.1.1.s1/complete');
      expect(stepRoute('reopen-step', 'a/b')).toBe('steps/a%2Fb/reopen');
      expect(stepRoute('revise-step', 'x')).toBe('steps/x/revise');
    });

    it('builds the step forms’ bodies, or says what is missing', () => {
      expect(stepBodyOf('add-step', { text: '  ' })).toBe('Write what the step is: its text is required.');
      expect(stepBodyOf('add-step', { text: ' Audit ', owners: 'AB, CM', targetDate: '2013-10-31', targetDateText: '' })).toEqual({ text: 'Audit', owners: ['AB', 'CM'], targetDate: '2013-10-31' });
      expect(stepBodyOf('add-step', { text: 'Audit', owners: '' })).toEqual({ text: 'Audit' });
      expect(stepBodyOf('complete-step', { note: '' })).toEqual({});
      expect(stepBodyOf('complete-step', { note: ' Minutes filed ' })).toEqual({ note: 'Minutes filed' });
      expect(stepBodyOf('reopen-step', { reason: ' ' })).toBe('Give the reason for reopening the step: it is required.');
      expect(stepBodyOf('reopen-step', { reason: 'Not signed off' })).toEqual({ reason: 'Not signed off' });
    });

    it('sends only what a revision changes, and a reason with it', () => {
      const step: Pick<StepView, 'text' | 'owners' | 'targetDate' | 'targetDateText'> = { text: 'Audit', owners: ['AB'], targetDate: '2013-10-31', targetDateText: 'end of October' };
      const asIs = { text: 'Audit', owners: 'AB', targetDate: '2013-10-31', targetDateText: 'end of October' };
      expect(stepBodyOf('revise-step', { ...asIs, reason: 'why' }, step)).toBe('Change the text, the owners or the date first: nothing differs from the step as it is.');
      expect(stepBodyOf('revise-step', { ...asIs, targetDate: '2013-12-31', reason: '' }, step)).toBe('Give the reason for revising the step: it is required.');
      expect(stepBodyOf('revise-step', { ...asIs, targetDate: '2013-12-31', owners: 'AB, CM', reason: 'Moved by the board' }, step)).toEqual({
        targetDate: '2013-12-31', owners: ['AB', 'CM'], reason: 'Moved by the board',
      });
      expect(stepBodyOf('revise-step', { ...asIs, text: 'Audit every file', reason: 'Wider' }, step)).toEqual({ text: 'Audit every file', reason: 'Wider' });
    });

    it('confirms a saved step form in words', () => {
      expect(stepSavedMessage('complete-step', '1')).toBe('step 1 is done');
      expect(stepSavedMessage('reopen-step', undefined)).toBe('the step reopened');
      expect(stepSavedMessage('add-step', '3')).toBe('step 3 added');
    });
  });

  describe('milestones', () => {
    const milestone = (over: Partial<MilestoneView>): MilestoneView => ({
      id: 'EDU.m1', planId: 'EDU', workstreamId: null, date: '2013-09-30', dateText: null, text: 'Every Chair of Governors knows', refs: [], group: null,
      assessment: null, due: false, unassessed: false, evidenceCount: 0, lastChangedAt: '2013-09-01T00:00:00.000Z', ...over,
    });
    const assessment = (outcome: 'met' | 'partly-met' | 'not-met') => ({ outcome, reason: 'r', at: '2013-10-01T10:00:00.000Z', by: { id: 'c', name: 'Chair', role: 'board' } });

    it('shows the date as printed, else the day', () => {
      expect(milestoneDateText(milestone({ dateText: 'By Sept 2013' }), formatDay)).toBe('By Sept 2013');
      expect(milestoneDateText(milestone({ dateText: '  ' }), formatDay)).toBe(formatDay('2013-09-30'));
      expect(milestoneDateText(milestone({}), formatDay)).toBe(formatDay('2013-09-30'));
      expect(formatDay('2013-09-30')).toMatch(/^30 Sept? 2013$/);
    });

    it('says where a milestone stands in words: the latest outcome, due and not assessed, or not assessed', () => {
      expect(milestoneStateText(milestone({ assessment: assessment('partly-met'), unassessed: false, due: true }))).toBe('Partly met');
      expect(milestoneStateText(milestone({ assessment: assessment('not-met') }))).toBe('Not met');
      expect(milestoneStateText(milestone({ due: true, unassessed: true }))).toBe('Due, not assessed');
      expect(milestoneStateText(milestone({}))).toBe('Not assessed');
      expect(milestoneStateClass(milestone({ assessment: assessment('met') }))).toBe('outcome-met');
      expect(milestoneStateClass(milestone({ unassessed: true }))).toBe('outcome-due');
      expect(milestoneStateClass(milestone({}))).toBe('outcome-none');
    });

    it('groups by work-stream: the plan’s own first, then the plan’s order, then work-streams the board does not list; by date within each', () => {
      const list = [
        milestone({ id: 'a', workstreamId: 'W2', date: '2014-03-31' }),
        milestone({ id: 'b', workstreamId: null, date: '2014-01-31' }),
        milestone({ id: 'c', workstreamId: 'W2', date: '2013-12-31' }),
        milestone({ id: 'd', workstreamId: 'W9', date: '2013-12-31' }),
        milestone({ id: 'e', workstreamId: 'W2', date: '2013-12-31' }),
      ];
      const groups = groupMilestones(list, [{ id: 'W1', title: 'Leadership' }, { id: 'W2', title: 'Governance' }], 'The whole plan');
      expect(groups.map((g) => [g.workstreamId, g.title, g.milestones.map((m) => m.id)])).toEqual([
        [null, 'The whole plan', ['b']],
        ['W2', 'Governance', ['c', 'e', 'a']],
        ['W9', 'W9', ['d']],
      ]);
      expect(groupMilestones([], [{ id: 'W1', title: 'x' }])).toEqual([]);
    });

    it('counts the milestones for the heading', () => {
      expect(milestoneCountsText([milestone({ assessment: assessment('met') }), milestone({ unassessed: true }), milestone({ unassessed: true }), milestone({})])).toBe(
        '4 milestones · 1 met · 2 due, not assessed',
      );
      expect(milestoneCountsText([milestone({ assessment: assessment('partly-met') })])).toBe('1 milestone · 1 partly met');
    });

    it('builds the assessment’s body, or says what is missing', () => {
      expect(assessmentBodyOf({ outcome: '', reason: 'x' })).toBe('Choose the outcome: met, partly met or not met.');
      expect(assessmentBodyOf({ outcome: 'mostly', reason: 'x' })).toBe('Choose the outcome: met, partly met or not met.');
      expect(assessmentBodyOf({ outcome: 'met', reason: '  ' })).toBe('Give the reason for the assessment: the board will read it.');
      expect(assessmentBodyOf({ outcome: 'partly-met', reason: ' 38 of 44 chairs told ' })).toEqual({ outcome: 'partly-met', reason: '38 of 44 chairs told' });
    });
  });

  describe('the framework', () => {
    it('lists what a plan prints, under its own headings, leaving out what it does not print', () => {
      const f = { lead: ' Sheila Lock ', successCriteria: ['Fewer schools causing concern'], standards: [], assumptions: ['Funding holds'], risks: ['Recruitment', 'Turnover'] };
      expect(frameworkSections(f).map((s) => [s.label, s.items])).toEqual([
        ['Lead', ['Sheila Lock']],
        ['What will success look like?', ['Fewer schools causing concern']],
        ['Assumptions', ['Funding holds']],
        ['Risks', ['Recruitment', 'Turnover']],
      ]);
      expect(frameworkSummaryText(f)).toBe('1 success criterion, 1 assumption, 2 risks');
      expect(frameworkSections({ lead: null, successCriteria: [], standards: [], assumptions: [], risks: [] })).toEqual([]);
      expect(frameworkSections(undefined)).toEqual([]);
    });
  });

  describe('links', () => {
    const link = (over: Partial<ActionLink>): ActionLink => ({ text: 'EHIP 2.1', actionId: null, planId: null, title: null, ...over });

    it('opens the action a link names, else the plan, else nothing, and says which', () => {
      expect(linkPath(link({ actionId: 'EH.1.2.1', planId: 'EH', title: 'Early help hub' }))).toEqual(['actions', 'EH.1.2.1']);
      expect(linkDetail(link({ actionId: 'EH.1.2.1', planId: 'EH', title: 'Early help hub' }))).toBe('action EH.1.2.1: Early help hub');
      expect(linkPath(link({ planId: 'EH', title: 'Early Help Improvement Plan' }))).toEqual(['plans', 'EH']);
      expect(linkDetail(link({ planId: 'EH', title: 'Early Help Improvement Plan' }))).toBe('plan EH: Early Help Improvement Plan');
      expect(linkPath(link({ text: 'VSIP' }))).toBeNull();
      expect(linkDetail(link({ text: 'VSIP' }))).toBe('not in the tracker, as printed');
    });

    it('names a linking action by its id and title, with the link as it prints it', () => {
      expect(linkedFromText(link({ text: 'EDU 2.1', actionId: 'EH.3.1', planId: 'EH', title: 'Share the list of schools' }))).toEqual({
        label: 'EH.3.1: Share the list of schools', detail: 'it prints “EDU 2.1”',
      });
    });

    it('lists the printed links, unresolved, when the API does not resolve them', () => {
      expect(linkedToOf({ links: ['EHIP', 'VSIP 2'] })).toEqual([link({ text: 'EHIP' }), link({ text: 'VSIP 2' })]);
      const resolved = [link({ planId: 'EH' })];
      expect(linkedToOf({ links: ['EHIP 2.1'], linkedTo: resolved })).toBe(resolved);
    });
  });
});
