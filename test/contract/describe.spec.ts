import { describeChange, describeEntry, statusText } from '@rag-ledger/contract';

const change = (type: string, data: Record<string, unknown>) => ({ type, data });

/** One entry a change for both readers: the auditor's line and the board's parts. */
describe('the words for each change', () => {
  it("write the evidence pack's line, with each status and its label", () => {
    expect(describeChange(change('PlanCreated', { title: 'Strategic Improvement Plan' }))).toBe('Plan created: Strategic Improvement Plan');
    expect(describeChange(change('PlanVersionRefreshed', { version: '2', previousVersion: '1' }))).toBe('Plan refreshed to version 2 (was 1)');
    expect(describeChange(change('WorkstreamRevised', { workstreamId: 'SIP.PS', changes: { title: 'x', outcome: 'y' } }))).toBe('Work-stream SIP.PS revised: title, outcome');
    expect(describeChange(change('ActionAdded', { targetDate: '2013-12-31' }))).toBe('Action added (W, not started), due 2013-12-31');
    expect(describeChange(change('ActionRagChanged', { from: 'G', to: 'R' }))).toBe('RAG G (On track) -> R (Off track, needs attention)');
    expect(describeChange(change('ActionTargetDateRevised', { to: '2014-03-31' }))).toBe('Target date none -> 2014-03-31');
    expect(describeChange(change('ActionOwnersReassigned', { from: ['AB'], to: [] }))).toBe('Owners AB -> nobody');
    expect(describeChange(change('ActionCompleted', { from: 'A' }))).toBe('Completed (B) from A (Not on track, recovery plan in place)');
    expect(describeChange(change('ActionWithdrawn', { from: 'W' }))).toBe('Withdrawn (was W (Not started))');
    expect(describeChange(change('ActionStarted', { rag: 'purple' }))).toBe('Started at purple');
    expect(describeChange(change('MeasurePredictionRecorded', { measureId: 'EDU.M.2.2', period: '2014-04', value: 71, previous: 69 }))).toBe('Measure EDU.M.2.2: prediction for 2014-04 71 (was 69)');
    expect(describeEntry(change('MeasurePredictionRecorded', { measureId: 'EDU.M.2.2', period: '2013-12', value: 67 }))).toEqual(['Prediction for 2013-12: 67']);
  });

  it("write the directory's changes as an auditor reads them: who was given or lost which right", () => {
    expect(describeChange(change('PersonAdded', { personId: 'cs', name: 'Chris Snudden', initials: 'CS' }))).toBe('Person added to the directory: Chris Snudden (CS)');
    expect(describeChange(change('PersonDetailsRevised', { personId: 'cs', changes: { email: 'x', jobTitle: 'y' } }))).toBe('Directory entry of cs revised: email, jobTitle');
    expect(describeChange(change('RoleGranted', { personId: 'cs', role: 'auditor' }))).toBe('Role auditor granted to cs');
    expect(describeChange(change('RoleRevoked', { personId: 'cs', role: 'board' }))).toBe('Role board revoked from cs');
    expect(describeChange(change('PlanOwnershipGranted', { personId: 'cs', planId: 'EDU' }))).toBe('Ownership of plan EDU granted to cs');
    expect(describeChange(change('PlanOwnershipRevoked', { personId: 'cs', planId: 'EDU' }))).toBe('Ownership of plan EDU revoked from cs');
    expect(describeChange(change('SchoolRightGranted', { personId: 'jh', role: 'school', urn: '121212' }))).toBe('Headteacher or chair of governors of school 121212 granted to jh');
    expect(describeChange(change('SchoolRightRevoked', { personId: 'lm', role: 'board', urn: '654321' }))).toBe('Board member named for school 654321 revoked from lm');
    expect(describeChange(change('PersonInvited', { personId: 'cs', purpose: 'reset', expiresAt: '2013-12-08T09:00:00.000Z' }))).toBe('Password reset link issued to cs, valid until 2013-12-08T09:00:00.000Z');
    expect(describeChange(change('InvitationAccepted', { personId: 'cs' }))).toBe('cs set a password with their link');
    expect(describeChange(change('PersonDeactivated', { personId: 'cs' }))).toBe('cs deactivated');
    expect(describeChange(change('PersonReactivated', { personId: 'cs' }))).toBe('cs reactivated');
  });

  it('write a milestone’s changes: the statement and its day, what a revision changed, the outcome of an assessment', () => {
    const set = change('MilestoneSet', { milestoneId: 'EDU.M1', workstreamId: 'EDU.P2', date: '2013-09-30', dateText: 'By Sept 2013', text: 'Every chair knows' });
    expect(describeChange(set)).toBe('Milestone EDU.M1 set on EDU.P2, due 2013-09-30 (By Sept 2013): Every chair knows');
    expect(describeEntry(set, (day) => `[${day}]`)).toEqual(['Milestone set, due [2013-09-30]: Every chair knows']);
    expect(describeChange(change('MilestoneSet', { milestoneId: 'EDU.M2', date: '2014-03-31', text: 'Board review' }))).toBe('Milestone EDU.M2 set, due 2014-03-31: Board review');
    expect(describeChange(change('MilestoneRevised', { milestoneId: 'EDU.M1', changes: { date: '2013-10-31', refs: [] } }))).toBe('Milestone EDU.M1 revised: date, refs');
    expect(describeChange(change('MilestoneAssessed', { milestoneId: 'EDU.M1', outcome: 'partly-met' }))).toBe('Milestone EDU.M1 assessed: Partly met');
    expect(describeEntry(change('MilestoneAssessed', { outcome: 'not-met' }))).toEqual(['Assessed: Not met']);
    expect(describeChange(change('EvidenceAttached', { fileName: 'a.txt', mediaType: 'text/plain', size: 1, sha256: 'ab', subject: { kind: 'milestone', milestoneId: 'EDU.M1' } }))).toBe(
      'Evidence attached: a.txt (text/plain, 1 bytes, SHA-256 ab), for milestone EDU.M1',
    );
  });

  it("give the board parts with a chip for each status, and the event's type for what it has no words for", () => {
    expect(describeEntry(change('ActionCompleted', { from: 'A' }))).toEqual(['Completed ', { status: 'B' }, ' (was ', { status: 'A' }, ')']);
    expect(describeEntry(change('ActionAdded', {}))).toEqual(['Action added, not started', '']);
    expect(describeEntry(change('PlanCreated', { title: 'x' }))).toEqual(['PlanCreated']);
    expect(describeEntry(change('toString', {}))).toEqual(['toString']);
    expect(describeChange(change('constructor', {}))).toBe('constructor');
  });

  it('announce a status with its letter and words, and a withdrawn one with a dash', () => {
    expect(statusText('R')).toBe('R: Off track, needs attention');
    expect(statusText('withdrawn')).toBe('–: Withdrawn');
  });
});
