import {
  decideAction,
  decideMeasure,
  evolveAction,
  evolvePlan,
  IdOfAnotherPlanError,
  initialActionState,
  initialMeasureState,
  initialPlanState,
  planIdsPrefixing,
  planOwningId,
  TargetDateLockedError,
  type ActionEvent,
  type PlanEvent,
} from '@rag-ledger/domain';

/** Ids belong to their plan: "SG.1.1.99" is the safeguarding plan's, whoever types it into another plan. */
describe('an id belongs to the plan its prefix names', () => {
  const sip = ([
    { type: 'PlanCreated', data: { planId: 'SIP', kind: 'strategic', title: 'Strategic plan' } },
    { type: 'WorkstreamAdded', data: { planId: 'SIP', workstreamId: 'SIP.PS', title: 'Practice standards' } },
  ] as PlanEvent[]).reduce(evolvePlan, initialPlanState());
  const action = (actionId: string) => ({ actionId, planId: 'SIP', workstreamId: 'SIP.PS', title: 'Audit the front door', owners: ['AB'] });

  it('reads the candidate plans from the parts before each dot, the longest owning', () => {
    expect(planIdsPrefixing('SG.1.1.99')).toEqual(['SG', 'SG.1', 'SG.1.1']);
    expect(planIdsPrefixing('a1')).toEqual([]);
    expect(planOwningId('SG.1.1.99', ['SIP', 'SG'])).toBe('SG');
    expect(planOwningId('SIP.PS.1', ['SIP', 'SIP.PS'])).toBe('SIP.PS');
    expect(planOwningId('LAC.1', ['SIP', 'SG'])).toBeUndefined();
  });

  it('refuses an action whose id carries another plan\'s prefix, naming both plans', () => {
    const add = () => decideAction({ type: 'AddAction', plan: sip, plansPrefixingId: ['SG'], data: action('SG.1.1.99') }, initialActionState());
    expect(add).toThrow(IdOfAnotherPlanError);
    expect(add).toThrow('The action id "SG.1.1.99" belongs to plan SG (ids that begin "SG." are that plan\'s), so it cannot be used in plan SIP.');
  });

  it('accepts the plan\'s own ids, ids without a plan prefix, and prefixes no plan has', () => {
    for (const [id, prefixing] of [['SIP.PS.1.1.9', ['SIP']], ['a1', []], ['LAC.1', []], ['0b7c9f3e-8d61-4d4a-9a53-1c2f3e4d5a6b', []]] as const) {
      expect(decideAction({ type: 'AddAction', plan: sip, plansPrefixingId: prefixing, data: action(id) }, initialActionState()).type).toBe('ActionAdded');
    }
  });

  it('refuses a measure whose id carries another plan\'s prefix', () => {
    const define = () =>
      decideMeasure(
        { type: 'DefineMeasure', plan: sip, plansPrefixingId: ['EDU'], data: { measureId: 'EDU.M.primary', planId: 'SIP', name: 'Good schools', unit: 'percent', polarity: 'higher', amberTolerance: 2 } },
        initialMeasureState(),
      );
    expect(define).toThrow(IdOfAnotherPlanError);
    expect(define).toThrow(/measure id "EDU.M.primary" belongs to plan EDU/);
  });
});

describe('the printed date of a completed action', () => {
  const history: ActionEvent[] = [
    { type: 'ActionAdded', data: { actionId: 'a1', planId: 'SIP', workstreamId: 'SIP.PS', title: 'Audit', owners: ['AB'], enablingTeams: [], links: [], targetDate: '2013-12-31', targetDateText: 'Dec 2013' } },
    { type: 'ActionCompleted', data: { actionId: 'a1', planId: 'SIP', from: 'W' } },
  ];
  const completed = history.reduce(evolveAction, initialActionState());

  it('is fixed with its date: revising the text alone is refused as the date would be', () => {
    expect(() => decideAction({ type: 'ReviseActionDetails', data: { actionId: 'a1', changes: { targetDateText: 'Mar 2014' }, reason: 'refresh' } }, completed)).toThrow(TargetDateLockedError);
    // Other details of a completed action may still be corrected.
    expect(decideAction({ type: 'ReviseActionDetails', data: { actionId: 'a1', changes: { title: 'Audit the front door' }, reason: 'typo' } }, completed).type).toBe('ActionDetailsRevised');
  });
});
