import {
  actionDecider,
  ActionWithdrawnError,
  evolveAction,
  initialActionState,
  InvalidStepIdError,
  InvalidTargetDateError,
  NothingToReviseError,
  ReasonRequiredError,
  StepAlreadyDoneError,
  StepAlreadyExistsError,
  StepNotDoneError,
  StepNotFoundError,
  StepTextRequiredError,
  stepsProgress,
  type ActionCommand,
  type ActionEvent,
  type ExistingAction,
} from '@rag-ledger/domain';
import { deciderSpec } from './decider-spec';

const given = deciderSpec(actionDecider);

// Norfolk SIP action 1.1.3 (workforce capacity) and the steps the plan prints under it.
const actionId = 'SIP.P.1.1.3';
const planId = 'SIP';
const ids = { actionId, planId };

const added: ActionEvent = {
  type: 'ActionAdded',
  data: {
    ...ids, workstreamId: 'SIP.P', ref: '1.1.3', owners: ['ES'], enablingTeams: ['PPP/Commissioners/Managers'], links: [],
    title: 'Analysis of workforce capacity and expertise against population data and identified needs of children and families across the county',
    targetDate: '2013-11-30', targetDateText: '30 Nov 13',
  },
};
const started: ActionEvent = { type: 'ActionStarted', data: { ...ids, rag: 'G' } };
const completed: ActionEvent = { type: 'ActionCompleted', data: { ...ids, from: 'G' } };
const withdrawn: ActionEvent = { type: 'ActionWithdrawn', data: { ...ids, from: 'G', reason: 'Superseded by the workforce plan' } };

const stepAdded = (n: number, text = `Step ${n}`): ActionEvent => ({
  type: 'ActionStepAdded',
  data: { ...ids, stepId: `${actionId}.s${n}`, text, owners: [], enablingTeams: [] },
});
const divisions: ActionEvent = {
  type: 'ActionStepAdded',
  data: {
    ...ids, stepId: `${actionId}.s2`, text: 'Understand the geographical split and split of need across the 7 divisions',
    owners: ['ES'], enablingTeams: ['Sandra Summerfield', 'Don Evans'], targetDate: '2013-10-31', targetDateText: '31 Oct 13',
    statusNote: 'due for completion end of October',
  },
};
const stepCompleted = (stepId: string): ActionEvent => ({ type: 'ActionStepCompleted', data: { ...ids, stepId } });

const addStep = (data: Partial<Extract<ActionCommand, { type: 'AddActionStep' }>['data']> = {}): ActionCommand => ({
  type: 'AddActionStep',
  data: { actionId, text: 'Collate all of the above information to inform the Workforce Plan 2014 - 17', ...data },
});

const state = (events: ActionEvent[]) => events.reduce(evolveAction, initialActionState()) as ExistingAction;

describe('action steps', () => {
  describe('AddActionStep', () => {
    it('adds a step with the id given, its owners, teams, date as printed and status note', () => {
      given([added, started])
        .when(addStep({ stepId: 'SIP.P.1.1.3.a', owners: ['ES'], enablingTeams: ['ES plus agreed service managers'], targetDate: '2013-11-30', targetDateText: '30 Nov 13', statusNote: 'on track' }))
        .then({
          type: 'ActionStepAdded',
          data: {
            ...ids, stepId: 'SIP.P.1.1.3.a', text: 'Collate all of the above information to inform the Workforce Plan 2014 - 17',
            owners: ['ES'], enablingTeams: ['ES plus agreed service managers'], targetDate: '2013-11-30', targetDateText: '30 Nov 13', statusNote: 'on track',
          },
        });
    });

    it('names a step without an id <actionId>.s<n>, n after the steps it has', () => {
      given([added]).when(addStep()).then({ type: 'ActionStepAdded', data: { ...ids, stepId: `${actionId}.s1`, text: expect.any(String), owners: [], enablingTeams: [] } });
      given([added, stepAdded(1), stepAdded(2)]).when(addStep()).then({ type: 'ActionStepAdded', data: expect.objectContaining({ stepId: `${actionId}.s3` }) });
    });

    it('skips an id a step already has (one added with its own id)', () => {
      const named: ActionEvent = { type: 'ActionStepAdded', data: { ...ids, stepId: `${actionId}.s2`, text: 'Named s2 by the import', owners: [], enablingTeams: [] } };
      given([added, named]).when(addStep()).then({ type: 'ActionStepAdded', data: expect.objectContaining({ stepId: `${actionId}.s3` }) });
    });

    it('trims owners and teams, and drops blanks and repeats', () => {
      given([added])
        .when(addStep({ owners: [' ES ', 'ES', '', 'DE'], enablingTeams: ['  Don Evans', '   '] }))
        .then({ type: 'ActionStepAdded', data: expect.objectContaining({ owners: ['ES', 'DE'], enablingTeams: ['Don Evans'] }) });
    });

    it.each([
      ['blank text', { text: '   ' }, StepTextRequiredError, /needs text/],
      ['a date that is not a calendar date', { targetDate: '2013-02-30' }, InvalidTargetDateError, /not a calendar date/],
      ['a date as printed instead of YYYY-MM-DD', { targetDate: 'Oct 13' }, InvalidTargetDateError, /YYYY-MM-DD/],
      ['an id with a slash', { stepId: 'a/b' }, InvalidStepIdError, /cannot be a step id/],
    ])('refuses %s', (_, data, error, message) => {
      given([added]).when(addStep(data)).thenThrows(error, message);
    });

    it('refuses an id the action already has', () => {
      given([added, stepAdded(1)]).when(addStep({ stepId: `${actionId}.s1` })).thenThrows(StepAlreadyExistsError, /already has a step "SIP.P.1.1.3.s1"/);
    });
  });

  describe('CompleteActionStep', () => {
    it('completes an open step, with a note when given', () => {
      given([added, divisions]).when({ type: 'CompleteActionStep', data: { actionId, stepId: `${actionId}.s2`, note: 'Split agreed with the 7 divisions' } })
        .then({ type: 'ActionStepCompleted', data: { ...ids, stepId: `${actionId}.s2`, note: 'Split agreed with the 7 divisions' } });
    });

    it('refuses a step already done', () => {
      given([added, stepAdded(1), stepCompleted(`${actionId}.s1`)])
        .when({ type: 'CompleteActionStep', data: { actionId, stepId: `${actionId}.s1` } })
        .thenThrows(StepAlreadyDoneError, /already done/);
    });

    it('completing the last open step emits only ActionStepCompleted: the action stays as it is', () => {
      const history = [added, started, stepAdded(1), stepAdded(2), stepCompleted(`${actionId}.s1`)];
      const events = actionDecider.decide({ type: 'CompleteActionStep', data: { actionId, stepId: `${actionId}.s2` } }, state(history));
      expect(events).toEqual([{ type: 'ActionStepCompleted', data: { ...ids, stepId: `${actionId}.s2` } }]);
      const after = state([...history, ...events]);
      expect(after.status).toBe('G');
      expect(stepsProgress(after.steps)).toEqual({ done: 2, total: 2 });
    });
  });

  describe('ReopenActionStep', () => {
    const done = [added, started, stepAdded(1), stepCompleted(`${actionId}.s1`)];

    it('reopens a done step with its reason', () => {
      given(done).when({ type: 'ReopenActionStep', data: { actionId, stepId: `${actionId}.s1`, reason: 'Trends need the Q3 audit too' } })
        .then({ type: 'ActionStepReopened', data: { ...ids, stepId: `${actionId}.s1`, reason: 'Trends need the Q3 audit too' } });
      expect(state([...done, { type: 'ActionStepReopened', data: { ...ids, stepId: `${actionId}.s1`, reason: 'x' } }]).steps[0].status).toBe('open');
    });

    it.each([['no reason', undefined], ['a blank reason', '  ']])('refuses %s', (_, reason) => {
      given(done).when({ type: 'ReopenActionStep', data: { actionId, stepId: `${actionId}.s1`, reason: reason as string } }).thenThrows(ReasonRequiredError, /reason for reopening the step/);
    });

    it('refuses a step that is not done', () => {
      given([added, stepAdded(1)]).when({ type: 'ReopenActionStep', data: { actionId, stepId: `${actionId}.s1`, reason: 'Why' } }).thenThrows(StepNotDoneError, /not done/);
    });
  });

  describe('ReviseActionStep', () => {
    const revise = (changes: object, reason = 'Plan refresh to version 1.06'): ActionCommand => ({
      type: 'ReviseActionStep',
      data: { actionId, stepId: `${actionId}.s2`, changes, reason },
    });

    it('records only the fields that change', () => {
      given([added, divisions])
        .when(revise({ text: divisions.data.text, owners: ['ES'], targetDate: '2013-11-30', targetDateText: '30 Nov 13', statusNote: 'due for completion end of October' }))
        .then({ type: 'ActionStepRevised', data: { ...ids, stepId: `${actionId}.s2`, changes: { targetDate: '2013-11-30', targetDateText: '30 Nov 13' }, reason: 'Plan refresh to version 1.06' } });
    });

    it('compares owners and teams as trimmed', () => {
      given([added, divisions]).when(revise({ owners: [' ES'], enablingTeams: ['Don Evans'] }))
        .then({ type: 'ActionStepRevised', data: expect.objectContaining({ changes: { enablingTeams: ['Don Evans'] } }) });
    });

    it('keeps the revision on the step', () => {
      const revised: ActionEvent = { type: 'ActionStepRevised', data: { ...ids, stepId: `${actionId}.s2`, changes: { targetDate: '2013-12-31' }, reason: 'Board agreed' } };
      expect(state([added, divisions, revised]).steps[0]).toMatchObject({ id: `${actionId}.s2`, targetDate: '2013-12-31', targetDateText: '31 Oct 13', status: 'open' });
    });

    it('refuses a revision that changes nothing', () => {
      given([added, divisions]).when(revise({ owners: ['ES'], targetDate: '2013-10-31' })).thenThrows(NothingToReviseError, /step "SIP.P.1.1.3.s2" already says this/);
    });

    it.each([
      ['blank text', { text: ' ' }, 'Why', StepTextRequiredError],
      ['a bad date', { targetDate: '31/10/2013' }, 'Why', InvalidTargetDateError],
      ['no reason', { targetDate: '2013-12-31' }, '', ReasonRequiredError],
    ])('refuses %s', (_, changes, reason, error) => {
      given([added, divisions]).when(revise(changes, reason)).thenThrows(error);
    });
  });

  describe('on any action', () => {
    const stepCommands: ActionCommand[] = [
      { type: 'CompleteActionStep', data: { actionId, stepId: `${actionId}.s1` } },
      { type: 'ReopenActionStep', data: { actionId, stepId: `${actionId}.s1`, reason: 'Why' } },
      { type: 'ReviseActionStep', data: { actionId, stepId: `${actionId}.s1`, changes: { text: 'New text' }, reason: 'Why' } },
    ];

    it.each(stepCommands.map((c) => [c.type, c] as const))('%s of a step the action does not have is StepNotFoundError', (_, command) => {
      given([added, stepAdded(2)]).when(command).thenThrows(StepNotFoundError, /has no step "SIP.P.1.1.3.s1"/);
    });

    it.each([addStep(), ...stepCommands].map((c) => [c.type, c] as const))('%s is refused on a withdrawn action', (_, command) => {
      given([added, started, stepAdded(1), stepCompleted(`${actionId}.s1`), withdrawn]).when(command).thenThrows(ActionWithdrawnError, /withdrawn/);
      given([added, started, stepAdded(1), withdrawn]).when(command).thenThrows(ActionWithdrawnError);
    });

    it('a completed action\'s steps may still be brought up to date', () => {
      const history = [added, started, stepAdded(1), stepAdded(2), stepCompleted(`${actionId}.s2`), completed];
      given(history).when(addStep()).then({ type: 'ActionStepAdded', data: expect.objectContaining({ stepId: `${actionId}.s3` }) });
      given(history).when(stepCommands[0]).then({ type: 'ActionStepCompleted', data: { ...ids, stepId: `${actionId}.s1` } });
      given(history).when({ ...stepCommands[1], data: { ...stepCommands[1].data, stepId: `${actionId}.s2` } } as ActionCommand)
        .then({ type: 'ActionStepReopened', data: { ...ids, stepId: `${actionId}.s2`, reason: 'Why' } });
      given(history).when(stepCommands[2]).then({ type: 'ActionStepRevised', data: { ...ids, stepId: `${actionId}.s1`, changes: { text: 'New text' }, reason: 'Why' } });
    });

    it('the steps keep the order they were added in, each with its status', () => {
      const after = state([added, stepAdded(1), divisions, stepAdded(3), stepCompleted(`${actionId}.s2`)]);
      expect(after.steps.map((s) => [s.id, s.status])).toEqual([[`${actionId}.s1`, 'open'], [`${actionId}.s2`, 'done'], [`${actionId}.s3`, 'open']]);
      expect(stepsProgress(after.steps)).toEqual({ done: 1, total: 3 });
    });
  });
});
