import {
  actionDecider,
  ActionAlreadyCompletedError,
  ActionAlreadyExistsError,
  ActionAlreadyStartedError,
  ActionNotCompletedError,
  ActionNotFoundError,
  ActionNotInProgressError,
  ActionWithdrawnError,
  decideAction,
  evolveAction,
  evolvePlan,
  initialActionState,
  initialPlanState,
  InvalidRagError,
  InvalidTargetDateError,
  dayOf,
  isOverdue,
  NoteRequiredError,
  OwnersRequiredError,
  OwnersUnchangedError,
  PlanNotFoundError,
  RagUnchangedError,
  ReasonRequiredError,
  TargetDateLockedError,
  TargetDateUnchangedError,
  WorkstreamNotInPlanError,
  type ActionCommand,
  type ActionEvent,
  type ActionStatus,
  type ExistingAction,
  type PlanEvent,
  type PlanState,
  type Rag,
} from '@rag-ledger/domain';
import { deciderSpec } from './decider-spec';

const given = deciderSpec(actionDecider);

// ---------------------------------------------------------------------------
// Norfolk Strategic Improvement Plan: plan SIP, work-stream SIP.PS, action 1.1.1
// ---------------------------------------------------------------------------

const planEvents: PlanEvent[] = [
  {
    type: 'PlanCreated',
    data: { planId: 'SIP', kind: 'strategic', title: "Norfolk Children's Services Strategic Improvement Plan", version: 'v1.3' },
  },
  { type: 'WorkstreamAdded', data: { planId: 'SIP', workstreamId: 'SIP.PS', title: 'Practice standards' } },
];
const planOf = (events: PlanEvent[]): PlanState => events.reduce(evolvePlan, initialPlanState());
const sip = planOf(planEvents);

const actionId = 'SIP.PS.1.1.1';
const planId = 'SIP';
const ids = { actionId, planId };
const title = "Conduct a full and detailed visual overview the journey of the child through children's social care";

const addCommand = (overrides: Partial<Extract<ActionCommand, { type: 'AddAction' }>['data']> = {}, plan = sip): ActionCommand => ({
  type: 'AddAction',
  plan,
  data: {
    actionId,
    planId,
    workstreamId: 'SIP.PS',
    ref: '1.1.1',
    title,
    owners: ['AB', 'AH'],
    targetDate: '2013-12-31',
    targetDateText: 'Dec 2013',
    measures: "Journey of the child mapped; delays and hand-offs identified",
    ...overrides,
  },
});

const added: ActionEvent = {
  type: 'ActionAdded',
  data: {
    actionId,
    planId,
    workstreamId: 'SIP.PS',
    ref: '1.1.1',
    title,
    owners: ['AB', 'AH'],
    enablingTeams: [],
    targetDate: '2013-12-31',
    targetDateText: 'Dec 2013',
    measures: "Journey of the child mapped; delays and hand-offs identified",
    links: [],
  },
};

const started = (rag: Rag): ActionEvent => ({ type: 'ActionStarted', data: { ...ids, rag } });
const ragChanged = (from: Rag, to: Rag): ActionEvent => ({
  type: 'ActionRagChanged',
  data: { ...ids, from, to, reason: 'Board review' },
});
const completed = (from: Exclude<ActionStatus, 'B' | 'withdrawn'>): ActionEvent => ({
  type: 'ActionCompleted',
  data: { ...ids, from },
});
const reopened = (rag: Rag): ActionEvent => ({ type: 'ActionReopened', data: { ...ids, rag, reason: 'Audit found gaps' } });
const withdrawn = (from: Exclude<ActionStatus, 'withdrawn'>): ActionEvent => ({
  type: 'ActionWithdrawn',
  data: { ...ids, from, reason: 'Superseded by the revised plan' },
});

/** A history that leaves the action in each status. */
const inStatus: Record<ActionStatus, ActionEvent[]> = {
  W: [added],
  G: [added, started('G')],
  A: [added, started('G'), ragChanged('G', 'A')],
  R: [added, started('A'), ragChanged('A', 'R')],
  B: [added, started('G'), completed('G')],
  withdrawn: [added, started('R'), withdrawn('R')],
};

const stateAfter = (events: ActionEvent[]) => events.reduce(evolveAction, initialActionState());
const existing = (events: ActionEvent[]) => stateAfter(events) as ExistingAction;

/** One valid command of every kind that acts on an existing action. */
const commandsOnAnAction: ActionCommand[] = [
  { type: 'StartAction', data: { actionId, rag: 'G' } },
  { type: 'ChangeActionRag', data: { actionId, rag: 'A', reason: 'Mapping workshops postponed' } },
  { type: 'NoteActionProgress', data: { actionId, text: 'Workshop with front-door staff held' } },
  { type: 'ReviseActionTargetDate', data: { actionId, targetDate: '2014-03-31', reason: 'Agreed at board' } },
  { type: 'ReassignActionOwners', data: { actionId, owners: ['AB', 'JS'], reason: 'AH has left' } },
  { type: 'CompleteAction', data: { actionId } },
  { type: 'ReopenAction', data: { actionId, rag: 'A', reason: 'Audit found gaps' } },
  { type: 'WithdrawAction', data: { actionId, reason: 'Superseded' } },
];

describe('action decider', () => {
  describe('test histories', () => {
    it.each(Object.entries(inStatus))('the %s history leaves the action in that status', (status, events) => {
      expect(existing(events).status).toBe(status);
    });
  });

  describe('AddAction', () => {
    it('adds an action, with no enabling teams or links when none are given', () => {
      given([]).when(addCommand()).then(added);
    });

    it('keeps enabling teams and links that are given', () => {
      given([])
        .when(addCommand({ enablingTeams: ['Performance team'], links: ['SIP.PS.1.1.2'] }))
        .then({ type: 'ActionAdded', data: { ...added.data, enablingTeams: ['Performance team'], links: ['SIP.PS.1.1.2'] } } as ActionEvent);
    });

    it('a new action is not started (W)', () => {
      const state = existing([added]);
      expect(state).toMatchObject({ exists: true, id: actionId, planId, workstreamId: 'SIP.PS', owners: ['AB', 'AH'], status: 'W' });
    });

    it('refuses a plan that does not exist', () => {
      given([]).when(addCommand({}, initialPlanState())).thenThrows(PlanNotFoundError, /"SIP"/);
    });

    it('refuses a work-stream the plan does not have', () => {
      given([]).when(addCommand({ workstreamId: 'SIP.QA' })).thenThrows(WorkstreamNotInPlanError, /"SIP\.QA"/);
    });

    it('refuses an id that already exists', () => {
      given([added]).when(addCommand()).thenThrows(ActionAlreadyExistsError, /"SIP\.PS\.1\.1\.1"/);
    });

    it('refuses a target date that is not in the calendar', () => {
      given([]).when(addCommand({ targetDate: '2013-02-30' })).thenThrows(InvalidTargetDateError, /2013-02-30/);
    });

    it('refuses a target date that is not YYYY-MM-DD', () => {
      given([]).when(addCommand({ targetDate: 'Dec 2013' })).thenThrows(InvalidTargetDateError, /Dec 2013/);
    });

    it('accepts an action with no target date, only the printed one', () => {
      const event = decideAction(addCommand({ targetDate: undefined, targetDateText: 'By Mar 2014' }), initialActionState());
      expect(event.type).toBe('ActionAdded');
      expect(event.data).not.toHaveProperty('targetDate');
      expect(event.data).toHaveProperty('targetDateText', 'By Mar 2014');
    });

    it('trims owners and drops blanks and repeats', () => {
      given([])
        .when(addCommand({ owners: [' AB ', 'AH', 'AB', '   ', 'AH '] }))
        .then(added);
    });

    it.each([[[]], [['']], [['  ', '\t']]])('adds an action whose plan names no owner (%j) with no owners', (owners) => {
      given([])
        .when(addCommand({ owners }))
        .then({ ...added, data: { ...added.data, owners: [] } } as ActionEvent);
    });
  });

  describe('StartAction', () => {
    it('starts a not-started action as Green by default', () => {
      given(inStatus.W).when({ type: 'StartAction', data: { actionId } }).then({
        type: 'ActionStarted',
        data: { actionId, planId, rag: 'G' },
      });
    });

    it.each(['G', 'A', 'R'] as const)('starts a not-started action as %s', (rag) => {
      given(inStatus.W)
        .when({ type: 'StartAction', data: { actionId, rag, note: 'Mapping workshops booked' } })
        .then({ type: 'ActionStarted', data: { actionId, planId, rag, note: 'Mapping workshops booked' } });
    });

    it('a started action takes the colour it was started with', () => {
      expect(existing([added, started('A')]).status).toBe('A');
    });

    it.each(['G', 'A', 'R', 'B'] as const)('refuses to start an action that is %s', (status) => {
      given(inStatus[status])
        .when({ type: 'StartAction', data: { actionId, rag: 'G' } })
        .thenThrows(ActionAlreadyStartedError, /Only a not-started action/);
    });
  });

  describe('ChangeActionRag', () => {
    it('changes the colour of an action in progress', () => {
      given(inStatus.G)
        .when({ type: 'ChangeActionRag', data: { actionId, rag: 'A', reason: 'Mapping workshops postponed' } })
        .then({ type: 'ActionRagChanged', data: { actionId, planId, from: 'G', to: 'A', reason: 'Mapping workshops postponed' } });
    });

    it('changes from the colour of the latest change', () => {
      given(inStatus.R)
        .when({ type: 'ChangeActionRag', data: { actionId, rag: 'G', reason: 'Recovery plan delivered' } })
        .then({ type: 'ActionRagChanged', data: { actionId, planId, from: 'R', to: 'G', reason: 'Recovery plan delivered' } });
    });

    it('changes from the colour an action was reopened with', () => {
      given([...inStatus.B, reopened('R')])
        .when({ type: 'ChangeActionRag', data: { actionId, rag: 'A', reason: 'Recovery plan in place' } })
        .then({ type: 'ActionRagChanged', data: { actionId, planId, from: 'R', to: 'A', reason: 'Recovery plan in place' } });
    });

    it.each(['W', 'B'] as const)('refuses a change while the action is %s', (status) => {
      given(inStatus[status])
        .when({ type: 'ChangeActionRag', data: { actionId, rag: 'A', reason: 'Board review' } })
        .thenThrows(ActionNotInProgressError, new RegExp(`\\(${status}\\)`));
    });

    it('refuses the colour the action already has', () => {
      given(inStatus.A)
        .when({ type: 'ChangeActionRag', data: { actionId, rag: 'A', reason: 'Board review' } })
        .thenThrows(RagUnchangedError, /already/);
    });

    it.each(['', '   '])('refuses a change without a reason (%j)', (reason) => {
      given(inStatus.G)
        .when({ type: 'ChangeActionRag', data: { actionId, rag: 'R', reason } })
        .thenThrows(ReasonRequiredError, /reason/);
    });
  });

  describe('CompleteAction', () => {
    it.each(['W', 'G', 'A', 'R'] as const)('completes an action that is %s, recording where it came from', (status) => {
      given(inStatus[status])
        .when({ type: 'CompleteAction', data: { actionId } })
        .then({ type: 'ActionCompleted', data: { actionId, planId, from: status } });
    });

    it('keeps a completion note', () => {
      given(inStatus.G)
        .when({ type: 'CompleteAction', data: { actionId, note: 'Journey map presented to the board' } })
        .then({ type: 'ActionCompleted', data: { actionId, planId, from: 'G', note: 'Journey map presented to the board' } });
    });

    it('a completed action is B', () => {
      expect(existing(inStatus.B).status).toBe('B');
    });

    it('refuses to complete a completed action', () => {
      given(inStatus.B).when({ type: 'CompleteAction', data: { actionId } }).thenThrows(ActionAlreadyCompletedError);
    });
  });

  describe('ReopenAction', () => {
    it('reopens a completed action with a colour and a reason', () => {
      given(inStatus.B)
        .when({ type: 'ReopenAction', data: { actionId, rag: 'A', reason: 'Audit found gaps' } })
        .then({ type: 'ActionReopened', data: { actionId, planId, rag: 'A', reason: 'Audit found gaps' } });
    });

    it('a reopened action takes the colour it was reopened with', () => {
      expect(existing([...inStatus.B, reopened('R')]).status).toBe('R');
    });

    it.each(['W', 'G', 'A', 'R'] as const)('refuses to reopen an action that is %s', (status) => {
      given(inStatus[status])
        .when({ type: 'ReopenAction', data: { actionId, rag: 'A', reason: 'Audit found gaps' } })
        .thenThrows(ActionNotCompletedError, /Only a completed action/);
    });

    it('refuses to reopen without a reason', () => {
      given(inStatus.B)
        .when({ type: 'ReopenAction', data: { actionId, rag: 'A', reason: '  ' } })
        .thenThrows(ReasonRequiredError, /reason/);
    });
  });

  describe('WithdrawAction', () => {
    it.each(['W', 'G', 'A', 'R', 'B'] as const)('withdraws an action that is %s, recording where it came from', (status) => {
      given(inStatus[status])
        .when({ type: 'WithdrawAction', data: { actionId, reason: 'Superseded by the revised plan' } })
        .then({ type: 'ActionWithdrawn', data: { actionId, planId, from: status, reason: 'Superseded by the revised plan' } });
    });

    it('refuses to withdraw without a reason', () => {
      given(inStatus.G)
        .when({ type: 'WithdrawAction', data: { actionId, reason: '' } })
        .thenThrows(ReasonRequiredError, /reason/);
    });
  });

  describe('ReviseActionTargetDate', () => {
    it('revises the target date with a reason', () => {
      given(inStatus.A)
        .when({ type: 'ReviseActionTargetDate', data: { actionId, targetDate: '2014-03-31', reason: 'Agreed at board' } })
        .then({
          type: 'ActionTargetDateRevised',
          data: { actionId, planId, from: '2013-12-31', to: '2014-03-31', reason: 'Agreed at board' },
        });
    });

    it('sets a first target date, with no "from"', () => {
      const state = stateAfter([{ ...added, data: { ...added.data, targetDate: undefined } } as ActionEvent]);
      const event = decideAction(
        { type: 'ReviseActionTargetDate', data: { actionId, targetDate: '2014-03-31', reason: 'Date agreed at board' } },
        state,
      );
      expect(event).toEqual({ type: 'ActionTargetDateRevised', data: { actionId, planId, to: '2014-03-31', reason: 'Date agreed at board' } });
      expect(event.data).not.toHaveProperty('from');
    });

    it('revises from the latest revised date', () => {
      const revised: ActionEvent = {
        type: 'ActionTargetDateRevised',
        data: { actionId, planId, from: '2013-12-31', to: '2014-03-31', reason: 'Agreed at board' },
      };
      given([...inStatus.G, revised])
        .when({ type: 'ReviseActionTargetDate', data: { actionId, targetDate: '2014-06-30', reason: 'Staffing' } })
        .then({ type: 'ActionTargetDateRevised', data: { actionId, planId, from: '2014-03-31', to: '2014-06-30', reason: 'Staffing' } });
    });

    it('refuses to revise the date of a completed action', () => {
      given(inStatus.B)
        .when({ type: 'ReviseActionTargetDate', data: { actionId, targetDate: '2014-03-31', reason: 'Agreed at board' } })
        .thenThrows(TargetDateLockedError);
    });

    it('refuses to revise the date of a withdrawn action', () => {
      given(inStatus.withdrawn)
        .when({ type: 'ReviseActionTargetDate', data: { actionId, targetDate: '2014-03-31', reason: 'Agreed at board' } })
        .thenThrows(ActionWithdrawnError);
    });

    it('refuses the date the action already has', () => {
      given(inStatus.G)
        .when({ type: 'ReviseActionTargetDate', data: { actionId, targetDate: '2013-12-31', reason: 'Agreed at board' } })
        .thenThrows(TargetDateUnchangedError, /2013-12-31/);
    });

    it('refuses a date that is not in the calendar', () => {
      given(inStatus.G)
        .when({ type: 'ReviseActionTargetDate', data: { actionId, targetDate: '2014-02-29', reason: 'Agreed at board' } })
        .thenThrows(InvalidTargetDateError, /2014-02-29/);
    });

    it('refuses a revision without a reason', () => {
      given(inStatus.G)
        .when({ type: 'ReviseActionTargetDate', data: { actionId, targetDate: '2014-03-31', reason: ' ' } })
        .thenThrows(ReasonRequiredError, /reason/);
    });
  });

  describe('ReassignActionOwners', () => {
    it('reassigns the owners, recording who they were', () => {
      given(inStatus.G)
        .when({ type: 'ReassignActionOwners', data: { actionId, owners: ['AB', 'JS'], reason: 'AH has left' } })
        .then({ type: 'ActionOwnersReassigned', data: { actionId, planId, from: ['AB', 'AH'], to: ['AB', 'JS'], reason: 'AH has left' } });
    });

    it('trims the new owners and drops blanks and repeats', () => {
      given(inStatus.W)
        .when({ type: 'ReassignActionOwners', data: { actionId, owners: [' JS', 'JS ', '', 'DL'], reason: 'New team' } })
        .then({ type: 'ActionOwnersReassigned', data: { actionId, planId, from: ['AB', 'AH'], to: ['JS', 'DL'], reason: 'New team' } });
    });

    it('reassigns from the latest owners', () => {
      const reassigned: ActionEvent = {
        type: 'ActionOwnersReassigned',
        data: { actionId, planId, from: ['AB', 'AH'], to: ['JS'], reason: 'AH has left' },
      };
      given([...inStatus.G, reassigned])
        .when({ type: 'ReassignActionOwners', data: { actionId, owners: ['AB', 'AH'], reason: 'AH is back' } })
        .then({ type: 'ActionOwnersReassigned', data: { actionId, planId, from: ['JS'], to: ['AB', 'AH'], reason: 'AH is back' } });
    });

    it.each([[['AB', 'AH']], [[' AB', 'AH ', 'AB']]])('refuses the owners the action already has (%j)', (owners) => {
      given(inStatus.G)
        .when({ type: 'ReassignActionOwners', data: { actionId, owners, reason: 'Board review' } })
        .thenThrows(OwnersUnchangedError);
    });

    it('refuses blank owners only', () => {
      given(inStatus.G)
        .when({ type: 'ReassignActionOwners', data: { actionId, owners: [' ', ''], reason: 'Board review' } })
        .thenThrows(OwnersRequiredError);
    });

    it('refuses a reassignment without a reason', () => {
      given(inStatus.G)
        .when({ type: 'ReassignActionOwners', data: { actionId, owners: ['JS'], reason: '' } })
        .thenThrows(ReasonRequiredError, /reason/);
    });
  });

  describe('NoteActionProgress', () => {
    it.each(['W', 'G', 'B'] as const)('notes progress on an action that is %s', (status) => {
      given(inStatus[status])
        .when({ type: 'NoteActionProgress', data: { actionId, text: 'Workshop with front-door staff held' } })
        .then({ type: 'ActionProgressNoted', data: { actionId, planId, text: 'Workshop with front-door staff held' } });
    });

    it('a progress note changes nothing of the action but the notes it has had', () => {
      const note: ActionEvent = { type: 'ActionProgressNoted', data: { actionId, planId, text: 'Workshop held' } };
      expect(stateAfter([...inStatus.A, note])).toEqual({ ...stateAfter(inStatus.A), progressNotes: ['Workshop held'] });
    });

    it.each(['', '   ', '\n'])('refuses a blank note (%j)', (text) => {
      given(inStatus.G).when({ type: 'NoteActionProgress', data: { actionId, text } }).thenThrows(NoteRequiredError);
    });
  });

  describe('a withdrawn action', () => {
    it.each(commandsOnAnAction.map((c) => [c.type, c] as const))('refuses %s', (_type, command) => {
      given(inStatus.withdrawn).when(command).thenThrows(ActionWithdrawnError, /withdrawn/);
    });

    it.each(commandsOnAnAction.map((c) => [c.type, c] as const))('refuses %s even when withdrawn before it started', (_type, command) => {
      given([added, withdrawn('W')]).when(command).thenThrows(ActionWithdrawnError);
    });

    it('cannot be added again under the same id', () => {
      given(inStatus.withdrawn).when(addCommand()).thenThrows(ActionAlreadyExistsError);
    });
  });

  describe('an action that does not exist', () => {
    it.each(commandsOnAnAction.map((c) => [c.type, c] as const))('refuses %s', (_type, command) => {
      given([]).when(command).thenThrows(ActionNotFoundError, /"SIP\.PS\.1\.1\.1"/);
    });
  });
});

describe('isOverdue', () => {
  const at = (iso: string) => new Date(iso);

  it.each(['W', 'G', 'A', 'R'] as const)('an action that is %s is overdue the day after its target date', (status) => {
    expect(isOverdue({ status, targetDate: '2013-12-31' }, at('2014-01-01T09:00:00Z'))).toBe(true);
  });

  it('is overdue judged from the folded state', () => {
    expect(isOverdue(existing(inStatus.R), at('2014-02-14T12:00:00Z'))).toBe(true);
    expect(isOverdue(existing(inStatus.R), at('2013-11-30T12:00:00Z'))).toBe(false);
  });

  it('is not overdue on the target day itself, even at its last minute', () => {
    expect(isOverdue({ status: 'G', targetDate: '2013-12-31' }, at('2013-12-31T00:00:00Z'))).toBe(false);
    expect(isOverdue({ status: 'G', targetDate: '2013-12-31' }, at('2013-12-31T23:59:59Z'))).toBe(false);
  });

  it('is not overdue before the target date', () => {
    expect(isOverdue({ status: 'A', targetDate: '2013-12-31' }, at('2013-06-01T09:00:00Z'))).toBe(false);
  });

  it.each([undefined, null, ''])('is never overdue without a target date (%j)', (targetDate) => {
    expect(isOverdue({ status: 'R', targetDate }, at('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it.each(['B', 'withdrawn'] as const)('a %s action is never overdue', (status) => {
    expect(isOverdue({ status, targetDate: '2013-12-31' }, at('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('a completed, then withdrawn action is not overdue', () => {
    expect(isOverdue(existing([...inStatus.B, withdrawn('B')]), at('2030-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('rules the API cannot bypass', () => {
  it('refuses a colour that is not G, A or R', () => {
    given(inStatus.G)
      .when({ type: 'ChangeActionRag', data: { actionId, rag: 'Purple' as Rag, reason: 'Board review' } })
      .thenThrows(InvalidRagError, /not a RAG rating/);
    given(inStatus.B)
      .when({ type: 'ReopenAction', data: { actionId, rag: undefined as unknown as Rag, reason: 'Audit found gaps' } })
      .thenThrows(InvalidRagError);
    given(inStatus.W)
      .when({ type: 'StartAction', data: { actionId, rag: 'B' as Rag } })
      .thenThrows(InvalidRagError);
  });

  it('keeps a reason and a note exactly as written', () => {
    given(inStatus.G)
      .when({ type: 'ChangeActionRag', data: { actionId, rag: 'A', reason: '  Two teams behind:\n see audit  ' } })
      .then({ type: 'ActionRagChanged', data: { actionId, planId, from: 'G', to: 'A', reason: '  Two teams behind:\n see audit  ' } });
    given(inStatus.G)
      .when({ type: 'NoteActionProgress', data: { actionId, text: ' <b>draft</b> shared ' } })
      .then({ type: 'ActionProgressNoted', data: { actionId, planId, text: ' <b>draft</b> shared ' } });
  });

  it('does not treat the same owners in another order as a reassignment', () => {
    given(inStatus.G)
      .when({ type: 'ReassignActionOwners', data: { actionId, owners: ['AH', 'AB'], reason: 'Tidy up' } })
      .thenThrows(OwnersUnchangedError);
  });
});

describe('dayOf', () => {
  it('judges the day in UK time, summer time included', () => {
    expect(dayOf(new Date('2014-06-30T23:30:00Z'))).toBe('2014-07-01');
    expect(dayOf(new Date('2014-12-31T23:30:00Z'))).toBe('2014-12-31');
  });
});
