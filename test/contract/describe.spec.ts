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
