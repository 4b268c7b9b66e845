import type { ActionStatus, Rag } from '../shared/status';

/** Every action event names its plan, so boards and audit trails can be cut by plan. */
interface ActionEventData {
  actionId: string;
  planId: string;
}

export interface ActionAdded {
  type: 'ActionAdded';
  data: ActionEventData & {
    workstreamId: string;
    ref?: string;
    title: string;
    owners: string[];
    enablingTeams: string[];
    /** The due date, YYYY-MM-DD, when one is known. */
    targetDate?: string;
    /** The date as the plan printed it ("Dec 2013", "By Mar 2014", ...). */
    targetDateText?: string;
    measures?: string;
    links: string[];
  };
}

export interface ActionStarted {
  type: 'ActionStarted';
  data: ActionEventData & { rag: Rag; note?: string };
}

export interface ActionRagChanged {
  type: 'ActionRagChanged';
  data: ActionEventData & { from: Rag; to: Rag; reason: string };
}

/** `source`: where a note not typed by the actor came from: `imported`, a status note the plan printed (kept word for word). */
export interface ActionProgressNoted {
  type: 'ActionProgressNoted';
  data: ActionEventData & { text: string; source?: 'imported' };
}

export interface ActionTargetDateRevised {
  type: 'ActionTargetDateRevised';
  /** `targetDateText`: the new date as a refreshed plan prints it, when it came from one. */
  data: ActionEventData & { from?: string; to: string; targetDateText?: string; reason: string };
}

export interface ActionOwnersReassigned {
  type: 'ActionOwnersReassigned';
  data: ActionEventData & { from: string[]; to: string[]; reason: string };
}

export interface ActionCompleted {
  type: 'ActionCompleted';
  data: ActionEventData & { from: Exclude<ActionStatus, 'B' | 'withdrawn'>; note?: string };
}

export interface ActionReopened {
  type: 'ActionReopened';
  data: ActionEventData & { rag: Rag; reason: string };
}

export interface ActionWithdrawn {
  type: 'ActionWithdrawn';
  data: ActionEventData & { from: Exclude<ActionStatus, 'withdrawn'>; reason: string };
}

/**
 * A step of an action: one of the bullets a plan prints under it, with its own owners and date.
 * `statusNote`: the status the plan printed beside it ("complete", "due for completion end of
 * October"), kept as written.
 */
export interface ActionStepDetails {
  text: string;
  owners: string[];
  enablingTeams: string[];
  /** YYYY-MM-DD, when the printed date could be read (as for an action). */
  targetDate?: string;
  /** The date as the plan printed it. */
  targetDateText?: string;
  statusNote?: string;
}

export interface ActionStepAdded {
  type: 'ActionStepAdded';
  data: ActionEventData & { stepId: string } & ActionStepDetails;
}

export interface ActionStepCompleted {
  type: 'ActionStepCompleted';
  data: ActionEventData & { stepId: string; note?: string };
}

export interface ActionStepReopened {
  type: 'ActionStepReopened';
  data: ActionEventData & { stepId: string; reason: string };
}

export interface ActionStepRevised {
  type: 'ActionStepRevised';
  data: ActionEventData & { stepId: string; changes: Partial<ActionStepDetails>; reason: string };
}

/** The details a refreshed plan may change; status, owners and target date have events of their own. */
export type ActionDetails = Pick<ActionAdded['data'], 'workstreamId' | 'ref' | 'title' | 'enablingTeams' | 'targetDateText' | 'measures' | 'links'>;

export interface ActionDetailsRevised {
  type: 'ActionDetailsRevised';
  data: ActionEventData & { changes: Partial<ActionDetails>; reason: string };
}

export type ActionEvent =
  | ActionAdded
  | ActionStarted
  | ActionRagChanged
  | ActionProgressNoted
  | ActionTargetDateRevised
  | ActionOwnersReassigned
  | ActionCompleted
  | ActionReopened
  | ActionWithdrawn
  | ActionDetailsRevised
  | ActionStepAdded
  | ActionStepCompleted
  | ActionStepReopened
  | ActionStepRevised;

export type ActionEventType = ActionEvent['type'];

export const ACTION_EVENT_TYPES: readonly ActionEventType[] = [
  'ActionAdded',
  'ActionStarted',
  'ActionRagChanged',
  'ActionProgressNoted',
  'ActionTargetDateRevised',
  'ActionOwnersReassigned',
  'ActionCompleted',
  'ActionReopened',
  'ActionWithdrawn',
  'ActionDetailsRevised',
  'ActionStepAdded',
  'ActionStepCompleted',
  'ActionStepReopened',
  'ActionStepRevised',
];
