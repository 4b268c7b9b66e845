import { ACTION_CHANGES, ACTION_STATUSES, type ActionChange,ALLOWED_CHANGES, mayChange } from '@rag-ledger/contract';
import { type ActionCommand, type ActionStatus, decideAction, type ExistingAction } from '@rag-ledger/domain';

const action = (status: ActionStatus): ExistingAction => ({
  exists: true, id: 'SIP.PS.1.1', planId: 'SIP', workstreamId: 'SIP.PS', title: 'Map the journey of the child',
  owners: ['AB'], enablingTeams: [], links: [], targetDate: '2013-12-31', status,
  steps: [{ id: 'SIP.PS.1.1.s1', text: 'Draft the map', owners: ['AB'], enablingTeams: [], status: 'open' }],
  progressNotes: [],
});

/** A request for each change that the rules would accept if the status allows the change at all. */
function commandFor(change: ActionChange, status: ActionStatus): ActionCommand {
  const actionId = 'SIP.PS.1.1';
  const otherRag = status === 'G' ? 'R' : 'G';
  switch (change) {
    case 'start': return { type: 'StartAction', data: { actionId, rag: 'G' } };
    case 'changeRag': return { type: 'ChangeActionRag', data: { actionId, rag: otherRag, reason: 'Recruitment failed' } };
    case 'reopen': return { type: 'ReopenAction', data: { actionId, rag: 'A', reason: 'Audit found gaps' } };
    case 'noteProgress': return { type: 'NoteActionProgress', data: { actionId, text: 'Workshop held' } };
    case 'reviseTargetDate': return { type: 'ReviseActionTargetDate', data: { actionId, targetDate: '2014-03-31', reason: 'Waiting for the new system' } };
    case 'complete': return { type: 'CompleteAction', data: { actionId } };
    case 'reassignOwners': return { type: 'ReassignActionOwners', data: { actionId, owners: ['CM'], reason: 'AB left' } };
    case 'reviseDetails': return { type: 'ReviseActionDetails', data: { actionId, changes: { title: 'Map every journey' }, reason: 'Wording agreed' } };
    case 'withdraw': return { type: 'WithdrawAction', data: { actionId, reason: 'Merged into 1.2' } };
    case 'updateSteps': return { type: 'CompleteActionStep', data: { actionId, stepId: 'SIP.PS.1.1.s1' } };
  }
}

const accepts = (status: ActionStatus, change: ActionChange): boolean => {
  try {
    decideAction(commandFor(change, status), action(status));
    return true;
  } catch {
    return false;
  }
};

/** The web board offers its forms by the contract's table; the API's rules must accept exactly those changes. */
describe("the contract's allowed changes of an action", () => {
  it.each(ACTION_STATUSES.map((s) => [s]))('from %s are exactly the changes the domain accepts', (status) => {
    const accepted = ACTION_CHANGES.filter((change) => accepts(status, change));
    expect(accepted).toEqual(ACTION_CHANGES.filter((change) => mayChange(status, change)));
  });

  it('move W to in progress to completed and back, and nothing once withdrawn', () => {
    expect(ALLOWED_CHANGES.W).toContain('start');
    expect(ALLOWED_CHANGES.G).toContain('complete');
    expect(ALLOWED_CHANGES.B).toEqual(expect.arrayContaining(['reopen']));
    expect(ALLOWED_CHANGES.B).not.toContain('reviseTargetDate');
    expect(ALLOWED_CHANGES.withdrawn).toEqual([]);
  });
});
