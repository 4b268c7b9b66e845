import { actionLinks, initialsOf, linkResolver, type LinkCatalog } from '@rag-ledger/projections';

/** Resolving the links an action prints ("EHIP", "VSIP 2.1", another action's id): a pure function of the plans and actions held. */

// The five Norfolk plans as the shared file names them, and an Early Help plan as another council titles it.
const NORFOLK_PLANS = [
  { id: 'SIP', title: "Children's Services Strategic Improvement Plan 2013-2015" },
  { id: 'SG', title: 'Safeguarding Operational Improvement Plan' },
  { id: 'LAC', title: 'LAC Operational Improvement Plan' },
  { id: 'EDU', title: "'A Good School for Every Norfolk Learner' – Strategy for Supporting School Improvement, with Section 2 Post Ofsted Action Plan" },
  { id: 'EH', title: 'Early Help Operational Improvement Plan' },
];
const actions: LinkCatalog['actions'] = [
  { id: 'SIP.PS.1.1.1', planId: 'SIP', ref: '1.1.1', title: 'Map the journey of the child' },
  { id: 'EHIP.1', planId: 'EHIP', ref: '2.1', title: 'Early help assessments in every locality' },
  { id: 'EHIP.2', planId: 'EHIP', ref: '2.2', title: 'Family support workers trained' },
  { id: 'EHIP.3', planId: 'EHIP', ref: '2.2', title: 'The same ref printed twice' },
  { id: 'LAC.1.4', planId: 'LAC', ref: '1.4', title: 'Placement stability audit' },
];
const withEarlyHelpPlan: LinkCatalog = { plans: [...NORFOLK_PLANS, { id: 'EHIP', title: 'Early Help Improvement Plan' }], actions };
const unresolved = (text: string) => ({ text, actionId: null, planId: null, title: null });

describe('action links', () => {
  it('takes the initials of a plan title, leaving out numbers and quotes', () => {
    expect(initialsOf('Early Help Improvement Plan')).toBe('EHIP');
    expect(initialsOf("Children's Services Strategic Improvement Plan 2013-2015")).toBe('CSSIP');
    expect(initialsOf("'A Good School for Every Norfolk Learner' – Strategy")).toBe('AGSFENLS');
  });

  it('leaves every link the Norfolk plans print unresolved, as printed: none names a plan or action they hold', () => {
    // EHIP is not the initials of "Early Help Operational Improvement Plan" (EHOIP), nor VSIP of any Norfolk plan.
    const resolve = linkResolver({ plans: NORFOLK_PLANS, actions });
    for (const text of ['EHIP', 'VSIP', 'RPA Action Plan', 'SW/GA transition', 'Bridges to success']) expect(resolve(text)).toEqual(unresolved(text));
  });

  it('resolves a plan named by its id or by the initials of its title to the plan, case aside', () => {
    const resolve = linkResolver(withEarlyHelpPlan);
    expect(resolve('EHIP')).toEqual({ text: 'EHIP', actionId: null, planId: 'EHIP', title: 'Early Help Improvement Plan' });
    expect(resolve('CSSIP')).toEqual({ text: 'CSSIP', actionId: null, planId: 'SIP', title: "Children's Services Strategic Improvement Plan 2013-2015" });
    expect(resolve('lac')).toMatchObject({ planId: 'LAC', actionId: null });
    expect(resolve('VSIP')).toEqual(unresolved('VSIP'));
  });

  it("resolves an action's exact id, and \"<plan> <ref>\" to the one action with that ref in the plan", () => {
    const resolve = linkResolver(withEarlyHelpPlan);
    expect(resolve('SIP.PS.1.1.1')).toEqual({ text: 'SIP.PS.1.1.1', actionId: 'SIP.PS.1.1.1', planId: 'SIP', title: 'Map the journey of the child' });
    expect(resolve('EHIP 2.1')).toEqual({ text: 'EHIP 2.1', actionId: 'EHIP.1', planId: 'EHIP', title: 'Early help assessments in every locality' });
    expect(resolve('LOIP 1.4')).toMatchObject({ actionId: 'LAC.1.4', planId: 'LAC' });
    // A ref two actions of the plan print is the plan, not a guess between them.
    expect(resolve('EHIP 2.2')).toEqual({ text: 'EHIP 2.2', actionId: null, planId: 'EHIP', title: 'Early Help Improvement Plan' });
    // A ref the plan does not have, or a plan that is not there: unresolved.
    expect(resolve('EHIP 9.9')).toEqual(unresolved('EHIP 9.9'));
    expect(resolve('VSIP 2.1')).toEqual(unresolved('VSIP 2.1'));
    expect(resolve('sip.ps.1.1.1')).toEqual(unresolved('sip.ps.1.1.1'));
  });

  it('finds the actions that link to an action, with the link as each prints it', () => {
    const linking = [
      { id: 'SIP.PS.1.1.1', planId: 'SIP', title: 'Map the journey of the child', links: ['EHIP 2.1', 'VSIP'] },
      { id: 'LAC.1.4', planId: 'LAC', title: 'Placement stability audit', links: ['EHIP.1', 'Bridges to success'] },
    ];
    const links = actionLinks({ id: 'EHIP.1', links: ['SIP.PS.1.1.1', 'RPA Action Plan'] }, linking, withEarlyHelpPlan);
    expect(links.linkedTo).toEqual([
      { text: 'SIP.PS.1.1.1', actionId: 'SIP.PS.1.1.1', planId: 'SIP', title: 'Map the journey of the child' },
      unresolved('RPA Action Plan'),
    ]);
    expect(links.linkedFrom).toEqual([
      { text: 'EHIP 2.1', actionId: 'SIP.PS.1.1.1', planId: 'SIP', title: 'Map the journey of the child' },
      { text: 'EHIP.1', actionId: 'LAC.1.4', planId: 'LAC', title: 'Placement stability audit' },
    ]);
    expect(actionLinks({ id: 'EHIP.2', links: [] }, linking, withEarlyHelpPlan)).toEqual({ linkedTo: [], linkedFrom: [] });
  });
});
