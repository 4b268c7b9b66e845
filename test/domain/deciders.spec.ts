import {
  actionDecider,
  categorySchemeDecider,
  evidenceDecider,
  actionStream,
  boardActionStream,
  boardStream,
  meetingStream,
  evidenceStream,
  importStream,
  measureDecider,
  measureStream,
  milestoneDecider,
  milestoneStream,
  planDecider,
  planStream,
  PLAN_RECORD_STREAM_PREFIXES,
  schemeStream,
  schoolDecider,
  schoolStream,
  STREAM_CATEGORIES,
  streamCategoryOf,
  type Decider,
} from '@rag-ledger/domain';
import { deciderSpec } from './decider-spec';

/** Each feature is one decider, living in a stream its category names. */
describe('the features’ deciders and their streams', () => {
  it('names every stream once: a category and the id', () => {
    expect(planStream('SIP')).toBe('plan-SIP');
    expect(actionStream('SIP.1.1')).toBe('action-SIP.1.1');
    expect(measureStream('EDU.M.1')).toBe('measure-EDU.M.1');
    expect(importStream('k')).toBe('import-k');
    expect(evidenceStream('d-1')).toBe('evidence-d-1');
    expect(milestoneStream('EDU.P2.M1')).toBe('milestone-EDU.P2.M1');
    expect(schoolStream('121212')).toBe('school-121212');
    expect(schemeStream('norfolk')).toBe('scheme-norfolk');
    expect(boardStream('IB')).toBe('board-IB');
    expect(meetingStream('IB-2014-01')).toBe('meeting-IB-2014-01');
    expect(boardActionStream('IB-2014-01.1')).toBe('boardaction-IB-2014-01.1');
    expect(Object.values(STREAM_CATEGORIES)).toEqual(['plan-', 'action-', 'measure-', 'import-', 'directory-', 'evidence-', 'milestone-', 'school-', 'scheme-', 'board-', 'meeting-', 'boardaction-', 'logseal-']);
    // No category's prefix begins another's, so a stream's category is never in doubt.
    for (const a of Object.values(STREAM_CATEGORIES)) for (const b of Object.values(STREAM_CATEGORIES)) if (a !== b) expect(b.startsWith(a)).toBe(false);
    // What the boards are built from; an import's record is not among them.
    expect(PLAN_RECORD_STREAM_PREFIXES).toEqual(['plan-', 'action-', 'measure-', 'evidence-', 'milestone-']);
  });

  it('tells which category a stream is in, and none for a stream the tracker does not name', () => {
    expect(streamCategoryOf(planStream('SIP'))).toBe('plan');
    expect(streamCategoryOf(actionStream('plan-1'))).toBe('action');
    expect(streamCategoryOf(measureStream('M'))).toBe('measure');
    expect(streamCategoryOf(importStream('x'))).toBe('import');
    expect(streamCategoryOf('$settings')).toBeUndefined();
    expect(streamCategoryOf('planning-1')).toBeUndefined();
  });

  it('gives each feature a decider that knows its stream', () => {
    expect(planDecider.streamOf('SIP')).toBe(planStream('SIP'));
    expect(actionDecider.streamOf('SIP.1.1')).toBe(actionStream('SIP.1.1'));
    expect(measureDecider.streamOf('M')).toBe(measureStream('M'));
    expect(evidenceDecider.streamOf('d-1')).toBe(evidenceStream('d-1'));
    expect(milestoneDecider.streamOf('EDU.M1')).toBe(milestoneStream('EDU.M1'));
    expect(schoolDecider.streamOf('121212')).toBe(schoolStream('121212'));
    expect(categorySchemeDecider.streamOf('norfolk')).toBe(schemeStream('norfolk'));
    expect(planDecider.initialState()).toEqual({ exists: false });
  });

  it('decides a list of events, folded by the same decider', () => {
    const [created] = planDecider.decide({ type: 'CreatePlan', data: { planId: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' } }, planDecider.initialState());
    expect(created.type).toBe('PlanCreated');
    expect(planDecider.evolve(planDecider.initialState(), created)).toMatchObject({ exists: true, id: 'SIP' });
  });

  describe('the given/when/then helper', () => {
    /** A decider whose rule allows "nothing happened": saying what is already said decides no event. */
    const notes: Decider<string[], { say: string }, { type: 'Said'; data: { text: string } }> = {
      decide: ({ say }, said) => (said.includes(say) ? [] : [{ type: 'Said', data: { text: say } }]),
      evolve: (said, event) => [...said, event.data.text],
      initialState: () => [],
      streamOf: (id) => `notes-${id}`,
    };
    const given = deciderSpec(notes);

    it('expresses "nothing happened" as then([])', () => {
      given([{ type: 'Said', data: { text: 'hello' } }]).when({ say: 'hello' }).then([]);
      expect(() => given([]).when({ say: 'hello' }).then([])).toThrow();
    });

    it('compares the whole list of events decided', () => {
      given([]).when({ say: 'hello' }).then([{ type: 'Said', data: { text: 'hello' } }]);
      expect(() => given([]).when({ say: 'hello' }).then([{ type: 'Said', data: { text: 'bye' } }])).toThrow();
    });
  });
});
