import { mayChange, type ActionChange } from '@rag-ledger/contract';
import { requireIdOfPlan } from '../plans/id-ownership';
import { PlanNotFoundError, WorkstreamNotInPlanError } from '../plans/plan.errors';
import type { PlanState } from '../plans/plan.state';
import { isIsoDate } from '../shared/dates';
import { InvalidRagError, NothingToReviseError, requireReason } from '../shared/errors';
import { changedFields, withoutUndefined } from '../shared/revisions';
import { isRag, type Rag } from '../shared/status';
import { decideActionStep, type ActionStepCommand } from './action-steps.decide';
import {
  ActionAlreadyCompletedError,
  ActionAlreadyExistsError,
  ActionAlreadyStartedError,
  ActionTitleRequiredError,
  ActionNotCompletedError,
  ActionNotFoundError,
  ActionNotInProgressError,
  ActionWithdrawnError,
  ChangeNotAllowedError,
  InvalidTargetDateError,
  NoteRequiredError,
  OwnersRequiredError,
  OwnersUnchangedError,
  RagUnchangedError,
  TargetDateLockedError,
  TargetDateUnchangedError,
} from './action.errors';
import type { ActionAdded, ActionDetails, ActionEvent } from './action.events';
import type { ActionState, ExistingAction } from './action.state';

/** Commands are plain data. AddAction carries the plan it is added to, so the rule can check the work-stream. */
export type ActionCommand =
  /** `plansPrefixingId`: the existing plans whose id and a dot begin the action's id (see planIdsPrefixing). */
  | {
      type: 'AddAction';
      data: Omit<ActionAdded['data'], 'enablingTeams' | 'links'> & { enablingTeams?: string[]; links?: string[] };
      plan: PlanState;
      plansPrefixingId?: readonly string[];
    }
  | { type: 'StartAction'; data: { actionId: string; rag?: Rag; note?: string } }
  | { type: 'ChangeActionRag'; data: { actionId: string; rag: Rag; reason: string } }
  | { type: 'NoteActionProgress'; data: { actionId: string; text: string; source?: 'imported' } }
  | { type: 'ReviseActionTargetDate'; data: { actionId: string; targetDate: string; targetDateText?: string; reason: string } }
  | { type: 'ReassignActionOwners'; data: { actionId: string; owners: string[]; reason: string } }
  | { type: 'CompleteAction'; data: { actionId: string; note?: string } }
  | { type: 'ReopenAction'; data: { actionId: string; rag: Rag; reason: string } }
  | { type: 'WithdrawAction'; data: { actionId: string; reason: string } }
  /** Moving to another work-stream needs the plan, to check the work-stream exists. */
  | { type: 'ReviseActionDetails'; data: { actionId: string; changes: Partial<ActionDetails>; reason: string }; plan?: PlanState }
  /** The action's steps (see action-steps.decide.ts). */
  | ActionStepCommand;

export function decideAction(command: ActionCommand, state: ActionState): ActionEvent {
  if (command.type === 'AddAction') return addAction(command.data, command.plan, state, command.plansPrefixingId);
  if (!state.exists) throw new ActionNotFoundError(command.data.actionId);
  // Which changes each status allows is the contract's table (the web board offers its forms
  // from the same one); the rules below check only what the table cannot say.
  if (!mayChange(state.status, CHANGE_OF[command.type])) throw notAllowed(command.type, state);
  const ids = { actionId: state.id, planId: state.planId };

  switch (command.type) {
    case 'AddActionStep':
    case 'CompleteActionStep':
    case 'ReopenActionStep':
    case 'ReviseActionStep':
      return decideActionStep(command, state);
    case 'StartAction': {
      const rag = requireRag(command.data.rag ?? 'G');
      return { type: 'ActionStarted', data: withoutUndefined({ ...ids, rag, note: command.data.note }) };
    }
    case 'ChangeActionRag': {
      // In progress: the table allows a RAG change from G, A or R only.
      const from = state.status as Rag;
      requireRag(command.data.rag);
      if (from === command.data.rag) throw new RagUnchangedError(from);
      const reason = requireReason(command.data.reason, 'the change of RAG rating');
      return { type: 'ActionRagChanged', data: { ...ids, from, to: command.data.rag, reason } };
    }
    case 'NoteActionProgress': {
      if (typeof command.data.text !== 'string' || command.data.text.trim() === '') throw new NoteRequiredError();
      return { type: 'ActionProgressNoted', data: withoutUndefined({ ...ids, text: command.data.text, source: command.data.source }) };
    }
    case 'ReviseActionTargetDate': {
      if (!isIsoDate(command.data.targetDate)) throw new InvalidTargetDateError(command.data.targetDate);
      if (state.targetDate === command.data.targetDate) throw new TargetDateUnchangedError(state.targetDate);
      const reason = requireReason(command.data.reason, 'revising the target date');
      return {
        type: 'ActionTargetDateRevised',
        data: withoutUndefined({ ...ids, from: state.targetDate, to: command.data.targetDate, targetDateText: command.data.targetDateText, reason }),
      };
    }
    case 'ReassignActionOwners': {
      const owners = normaliseOwners(command.data.owners);
      if (owners.length === 0) throw new OwnersRequiredError();
      if (sameSet(owners, state.owners)) throw new OwnersUnchangedError();
      const reason = requireReason(command.data.reason, 'reassigning the owners');
      return { type: 'ActionOwnersReassigned', data: { ...ids, from: state.owners, to: owners, reason } };
    }
    case 'CompleteAction': {
      // Not completed, not withdrawn: the table allows completing from W, G, A or R only.
      const from = state.status as Exclude<ExistingAction['status'], 'B' | 'withdrawn'>;
      return { type: 'ActionCompleted', data: withoutUndefined({ ...ids, from, note: command.data.note }) };
    }
    case 'ReopenAction': {
      requireRag(command.data.rag);
      const reason = requireReason(command.data.reason, 'reopening the action');
      return { type: 'ActionReopened', data: { ...ids, rag: command.data.rag, reason } };
    }
    case 'ReviseActionDetails': {
      const changes = changedFields(command.data.changes, state);
      if (Object.keys(changes).length === 0) throw new NothingToReviseError(`action "${state.id}"`);
      // The printed date goes with the date: a completed action's date is fixed, so is its text.
      if (changes.targetDateText !== undefined && state.status === 'B') throw new TargetDateLockedError();
      if (changes.title !== undefined && changes.title.trim() === '') throw new ActionTitleRequiredError();
      if (changes.workstreamId !== undefined) {
        if (!command.plan?.exists) throw new PlanNotFoundError(state.planId);
        if (!command.plan.workstreams.has(changes.workstreamId)) throw new WorkstreamNotInPlanError(state.planId, changes.workstreamId);
      }
      const reason = requireReason(command.data.reason, 'revising the action');
      return { type: 'ActionDetailsRevised', data: { ...ids, changes, reason } };
    }
    case 'WithdrawAction': {
      const reason = requireReason(command.data.reason, 'withdrawing the action');
      return { type: 'ActionWithdrawn', data: { ...ids, from: (state as ExistingAction).status as Exclude<typeof state.status, 'withdrawn'>, reason } };
    }
  }
}

type ExistingActionCommandType = Exclude<ActionCommand['type'], 'AddAction'>;

/** The change each command makes, as the contract's table of allowed changes names it. */
const CHANGE_OF: Record<ExistingActionCommandType, ActionChange> = {
  StartAction: 'start',
  ChangeActionRag: 'changeRag',
  NoteActionProgress: 'noteProgress',
  ReviseActionTargetDate: 'reviseTargetDate',
  ReassignActionOwners: 'reassignOwners',
  CompleteAction: 'complete',
  ReopenAction: 'reopen',
  WithdrawAction: 'withdraw',
  ReviseActionDetails: 'reviseDetails',
  AddActionStep: 'updateSteps',
  CompleteActionStep: 'updateSteps',
  ReopenActionStep: 'updateSteps',
  ReviseActionStep: 'updateSteps',
};

/** The named error, in plan owners' words, for a change the action's status does not allow. */
function notAllowed(type: ExistingActionCommandType, state: ExistingAction): Error {
  // Nothing changes a withdrawn action: it stays in the history as it was.
  if (state.status === 'withdrawn') return new ActionWithdrawnError();
  switch (type) {
    case 'StartAction':
      return new ActionAlreadyStartedError(state.status);
    case 'ChangeActionRag':
      return new ActionNotInProgressError(state.status);
    case 'ReviseActionTargetDate':
      return new TargetDateLockedError();
    case 'CompleteAction':
      return new ActionAlreadyCompletedError();
    case 'ReopenAction':
      return new ActionNotCompletedError(state.status);
    default:
      return new ChangeNotAllowedError(CHANGE_OF[type], state.status);
  }
}

function addAction(
  data: Extract<ActionCommand, { type: 'AddAction' }>['data'],
  plan: PlanState,
  state: ActionState,
  plansPrefixingId?: readonly string[],
): ActionAdded {
  if (state.exists) throw new ActionAlreadyExistsError(data.actionId);
  if (!plan.exists) throw new PlanNotFoundError(data.planId);
  requireIdOfPlan('action', data.actionId, data.planId, plansPrefixingId);
  if (!plan.workstreams.has(data.workstreamId)) throw new WorkstreamNotInPlanError(data.planId, data.workstreamId);
  if (data.targetDate !== undefined && !isIsoDate(data.targetDate)) throw new InvalidTargetDateError(data.targetDate);
  // Real plans leave some actions without a named owner; they are added as printed.
  const owners = normaliseOwners(data.owners);
  return {
    type: 'ActionAdded',
    data: withoutUndefined({
      ...data,
      owners,
      enablingTeams: data.enablingTeams ?? [],
      links: data.links ?? [],
    }),
  };
}

/** Owners as typed, trimmed, without blanks or repeats. */
function normaliseOwners(owners: string[]): string[] {
  return [...new Set(owners.map((o) => o.trim()).filter((o) => o.length > 0))];
}

/** The same people in another order is not a reassignment. */
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

function requireRag(value: unknown): Rag {
  if (!isRag(value)) throw new InvalidRagError(value);
  return value;
}
