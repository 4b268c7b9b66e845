import type {
  ActionEvent,
  BoardActionEvent,
  BoardEvent,
  CategorySchemeEvent,
  EvidenceEvent,
  MeasureEvent,
  MeetingEvent,
  MilestoneEvent,
  PersonEvent,
  PlanEvent,
  SchoolEvent,
} from '@rag-ledger/domain';
import type { RecordedEvent, RecordedEventOf } from '@rag-ledger/event-store';

/** Every event the projections read: the unions of the domain's features (the directory of people among them). */
export type TrackerEvent = PlanEvent | ActionEvent | MeasureEvent | EvidenceEvent | MilestoneEvent | PersonEvent;
export type TrackerEventType = TrackerEvent['type'];

/**
 * The types of a union as a list the compiler checks both ways: a key must be a type of the
 * union, and every type of the union must be a key. So a new event type is a compile error
 * here until the projections that should know it are told (and their switches, see
 * assertUnreachable, until they handle it).
 */
const typesOf = <Type extends string>(types: Record<Type, true>): readonly Type[] => Object.keys(types) as Type[];

export const planEventTypes = typesOf<PlanEvent['type']>({ PlanCreated: true, WorkstreamAdded: true, PlanVersionRefreshed: true, WorkstreamRevised: true });

export const actionEventTypes = typesOf<ActionEvent['type']>({
  ActionAdded: true,
  ActionStarted: true,
  ActionRagChanged: true,
  ActionProgressNoted: true,
  ActionTargetDateRevised: true,
  ActionOwnersReassigned: true,
  ActionCompleted: true,
  ActionReopened: true,
  ActionWithdrawn: true,
  ActionDetailsRevised: true,
  ActionStepAdded: true,
  ActionStepCompleted: true,
  ActionStepReopened: true,
  ActionStepRevised: true,
});

export const measureEventTypes = typesOf<MeasureEvent['type']>({
  MeasureDefined: true,
  MeasureTargetSet: true,
  MeasureValueRecorded: true,
  MeasureValueRevised: true,
  MeasureComparatorRecorded: true,
  MeasureRagOverridden: true,
  MeasurePredictionRecorded: true,
});

/** Evidence documents attached to actions and measures (streams `evidence-<documentId>`). */
export const evidenceEventTypes = typesOf<EvidenceEvent['type']>({ EvidenceAttached: true, EvidenceWithdrawn: true, EvidenceErased: true });

/** Milestones of plans and work-streams (streams `milestone-<milestoneId>`). */
export const milestoneEventTypes = typesOf<MilestoneEvent['type']>({ MilestoneSet: true, MilestoneRevised: true, MilestoneAssessed: true });

/** The directory of people and the rights they hold (stream `directory-people`). */
export const personEventTypes = typesOf<PersonEvent['type']>({
  PersonAdded: true,
  PersonDetailsRevised: true,
  RoleGranted: true,
  RoleRevoked: true,
  PlanOwnershipGranted: true,
  PlanOwnershipRevoked: true,
  SchoolRightGranted: true,
  SchoolRightRevoked: true,
  PersonInvited: true,
  InvitationAccepted: true,
  PersonDeactivated: true,
  PersonReactivated: true,
});

/**
 * The schools register (streams `school-<urn>` and `scheme-<schemeId>`): kept apart from
 * TrackerEvent, because a school's category is confidential and the plans' projections, packs
 * and live feed never carry it. The schools projection reads these.
 */
export type SchoolRecordEvent = SchoolEvent | CategorySchemeEvent;

export const schoolEventTypes = typesOf<SchoolEvent['type']>({
  SchoolRegistered: true,
  SchoolDetailsRevised: true,
  SchoolCategorised: true,
  OfstedJudgementRecorded: true,
  WarningNoticeIssued: true,
  WarningNoticeWithdrawn: true,
  InterventionStageChanged: true,
  PowerUsed: true,
  OfficerAssigned: true,
  VisitRecorded: true,
  ImprovementPlanReceived: true,
  ImprovementPlanEvaluated: true,
  SchoolConverted: true,
  SchoolClosed: true,
});

export const categorySchemeEventTypes = typesOf<CategorySchemeEvent['type']>({ CategorySchemeDefined: true, CategorySchemeRevised: true });

/**
 * The boards that meet, their meetings (with the packs issued and the reminders sent) and the
 * board's own action log (streams `board-`, `meeting-`, `boardaction-`): kept apart from
 * TrackerEvent, so the plans' projections and their exhaustive switches are untouched by them.
 * The meetings projection and the audit trail read these.
 */
export type MeetingRecordEvent = BoardEvent | MeetingEvent | BoardActionEvent;
export type MeetingRecordEventType = MeetingRecordEvent['type'];

export const boardEventTypes = typesOf<BoardEvent['type']>({ BoardEstablished: true, BoardRevised: true });
export const meetingEventTypes = typesOf<MeetingEvent['type']>({ MeetingScheduled: true, MeetingRescheduled: true, PackIssued: true, RemindersSent: true });
export const boardActionEventTypes = typesOf<BoardActionEvent['type']>({ BoardActionAgreed: true, BoardActionResponded: true, BoardActionClosed: true });
export const meetingRecordEventTypes: readonly MeetingRecordEventType[] = [...boardEventTypes, ...meetingEventTypes, ...boardActionEventTypes];

export const trackerEventTypes: readonly TrackerEventType[] = [...planEventTypes, ...actionEventTypes, ...measureEventTypes, ...evidenceEventTypes, ...milestoneEventTypes, ...personEventTypes];

const guard = <E extends TrackerEvent>(types: readonly E['type'][]) => {
  const known = new Set<string>(types);
  return (event: RecordedEvent): event is RecordedEventOf<E> => known.has(event.type);
};

/** Type guards over the domain's unions: a recorded event narrowed to one feature's events by its type. */
export const isPlanEvent = guard<PlanEvent>(planEventTypes);
export const isActionEvent = guard<ActionEvent>(actionEventTypes);
export const isMeasureEvent = guard<MeasureEvent>(measureEventTypes);
export const isEvidenceEvent = guard<EvidenceEvent>(evidenceEventTypes);
export const isMilestoneEvent = guard<MilestoneEvent>(milestoneEventTypes);
export const isPersonEvent = guard<PersonEvent>(personEventTypes);
export const isTrackerEvent = guard<TrackerEvent>(trackerEventTypes);

const schoolGuard = <E extends SchoolRecordEvent>(types: readonly E['type'][]) => {
  const known = new Set<string>(types);
  return (event: RecordedEvent): event is RecordedEventOf<E> => known.has(event.type);
};
export const isSchoolEvent = schoolGuard<SchoolEvent>(schoolEventTypes);
export const isCategorySchemeEvent = schoolGuard<CategorySchemeEvent>(categorySchemeEventTypes);

const meetingGuard = <E extends MeetingRecordEvent>(types: readonly E['type'][]) => {
  const known = new Set<string>(types);
  return (event: RecordedEvent): event is RecordedEventOf<E> => known.has(event.type);
};
export const isBoardEvent = meetingGuard<BoardEvent>(boardEventTypes);
export const isMeetingEvent = meetingGuard<MeetingEvent>(meetingEventTypes);
export const isBoardActionEvent = meetingGuard<BoardActionEvent>(boardActionEventTypes);
export const isMeetingRecordEvent = meetingGuard<MeetingRecordEvent>(meetingRecordEventTypes);

/**
 * The end of a switch over an event union that has a case for every type: `event` is `never`
 * there, so an event type added to the union and forgotten by the switch does not compile
 * (after oskardudycz's EventSourcing.NodeJS). Reached at run time only by an event the union
 * does not know, which the type guards keep out.
 */
export function assertUnreachable(event: never): never {
  throw new Error(`No case for the event ${JSON.stringify((event as { type?: unknown } | undefined)?.type)}`);
}
