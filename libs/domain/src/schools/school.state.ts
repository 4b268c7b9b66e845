import type { OfficerRole, OfstedCategory, OfstedGrade, Power, PowerDecider, SchemeCategory, SchemeKind, VisitRag, WarningNoticeKind } from '@rag-ledger/contract';

import { daysAfter } from '../shared/dates';
import type { SchoolDetails, SchoolEvent } from './school.events';

export interface HeldCategory {
  code: string;
  /** The day it took effect. */
  since: string;
}

export interface HeldNotice {
  kind: WarningNoticeKind;
  section: string | null;
  issuedOn: string;
  withdrawnOn?: string;
}

export type ExistingSchool = SchoolDetails & {
  exists: true;
  urn: string;
  predecessorUrn?: string;
  successorUrn?: string;
  convertedOn?: string;
  closedOn?: string;
  /** The council's category, per scheme id. */
  categories: Record<string, HeldCategory>;
  /** The intervention stage, per stage scheme id. */
  stages: Record<string, HeldCategory & { automatic: boolean }>;
  /** The latest judgement (by the day it was published). */
  ofsted?: { grade: OfstedGrade; category?: OfstedCategory; inspectedOn: string; publishedOn: string };
  /** Every notice ever issued, by id; those without `withdrawnOn` are in force. */
  warningNotices: Record<string, HeldNotice>;
  powers: Array<{ power: Power; decidedBy: PowerDecider; decidedOn: string }>;
  officers: Partial<Record<OfficerRole, { name: string; personId?: string; since: string }>>;
  /** Every visit, in the order they took effect. */
  visits: Array<{ visitId: string; visitedOn: string; officer: string; purpose: string; rag?: VisitRag }>;
  /** The plan asked for after the latest grade 3 or 4 judgement (dueOn), and what has happened to it since. */
  improvementPlan: { dueOn?: string; receivedOn?: string; evaluatedOn?: string; evaluation?: string };
};

export type SchoolState = { exists: false } | ExistingSchool;

export const initialSchoolState = (): SchoolState => ({ exists: false });

export function evolveSchool(state: SchoolState, event: SchoolEvent): SchoolState {
  if (event.type === 'SchoolRegistered') {
    const { urn, ...details } = event.data;
    return { exists: true, urn, ...details, categories: {}, stages: {}, warningNotices: {}, powers: [], officers: {}, visits: [], improvementPlan: {} };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'SchoolDetailsRevised':
      return { ...state, ...event.data.changes };
    case 'SchoolCategorised':
      return { ...state, categories: { ...state.categories, [event.data.scheme]: { code: event.data.category, since: event.data.categorisedOn } } };
    case 'OfstedJudgementRecorded': {
      const { inspectedOn, publishedOn, grade, category, improvementPlanDueOn } = event.data;
      const ofsted = { grade, inspectedOn, publishedOn, ...(category ? { category } : {}) };
      // A new grade 3 or 4 asks for a new plan; a better grade leaves the plan's history as it was.
      const improvementPlan = improvementPlanDueOn ? { dueOn: improvementPlanDueOn } : state.improvementPlan;
      return { ...state, ofsted, improvementPlan };
    }
    case 'WarningNoticeIssued': {
      const { noticeId, kind, section, issuedOn } = event.data;
      return { ...state, warningNotices: { ...state.warningNotices, [noticeId]: { kind, section, issuedOn } } };
    }
    case 'WarningNoticeWithdrawn': {
      const notice = state.warningNotices[event.data.noticeId];
      if (!notice) return state;
      return { ...state, warningNotices: { ...state.warningNotices, [event.data.noticeId]: { ...notice, withdrawnOn: event.data.withdrawnOn } } };
    }
    case 'InterventionStageChanged': {
      const { scheme, stage, changedOn, automatic } = event.data;
      return { ...state, stages: { ...state.stages, [scheme]: { code: stage, since: changedOn, automatic } } };
    }
    case 'PowerUsed':
      return { ...state, powers: [...state.powers, { power: event.data.power, decidedBy: event.data.decidedBy, decidedOn: event.data.decidedOn }] };
    case 'OfficerAssigned': {
      const { role, name, personId, assignedOn } = event.data;
      return { ...state, officers: { ...state.officers, [role]: { name, since: assignedOn, ...(personId ? { personId } : {}) } } };
    }
    case 'VisitRecorded': {
      const { visitId, visitedOn, officer, purpose, rag } = event.data;
      return { ...state, visits: [...state.visits, { visitId, visitedOn, officer, purpose, ...(rag ? { rag } : {}) }] };
    }
    case 'ImprovementPlanReceived':
      return { ...state, improvementPlan: { ...state.improvementPlan, receivedOn: event.data.receivedOn } };
    case 'ImprovementPlanEvaluated':
      return { ...state, improvementPlan: { ...state.improvementPlan, evaluatedOn: event.data.evaluatedOn, evaluation: event.data.evaluation } };
    case 'SchoolConverted':
      return { ...state, successorUrn: event.data.successorUrn, convertedOn: event.data.convertedOn, closedOn: event.data.convertedOn };
    case 'SchoolClosed':
      return { ...state, closedOn: event.data.closedOn };
    default:
      return assertNever(event);
  }
}

/** A school event this fold does not handle is a compile error here. */
function assertNever(event: never): never {
  throw new Error(`A school event the register does not know: ${JSON.stringify(event)}`);
}

/**
 * The UK day an event took effect, or undefined for one that holds from the start (a
 * registration with no opening day, a correction of details).
 */
export function schoolEffectiveDay(event: SchoolEvent): string | undefined {
  switch (event.type) {
    case 'SchoolRegistered':
      return event.data.openedOn;
    case 'SchoolDetailsRevised':
      return undefined;
    case 'SchoolCategorised':
      return event.data.categorisedOn;
    case 'OfstedJudgementRecorded':
      return event.data.publishedOn;
    case 'WarningNoticeIssued':
      return event.data.issuedOn;
    case 'WarningNoticeWithdrawn':
      return event.data.withdrawnOn;
    case 'InterventionStageChanged':
      return event.data.changedOn;
    case 'PowerUsed':
      return event.data.decidedOn;
    case 'OfficerAssigned':
      return event.data.assignedOn;
    case 'VisitRecorded':
      return event.data.visitedOn;
    case 'ImprovementPlanReceived':
      return event.data.receivedOn;
    case 'ImprovementPlanEvaluated':
      return event.data.evaluatedOn;
    case 'SchoolConverted':
      return event.data.convertedOn;
    case 'SchoolClosed':
      return event.data.closedOn;
  }
}

/**
 * A school as at a UK day: the events that had taken effect by the end of that day, folded in
 * the order they took effect (the log's order among those of one day). Without a day: every
 * event, in that same order. The events are one school's, in log order. A school whose
 * registration had not taken effect (it opened later) does not exist on the day.
 */
export function schoolStateOn(events: readonly SchoolEvent[], day?: string): SchoolState {
  const effective = events
    .map((event, index) => ({ event, index, on: schoolEffectiveDay(event) ?? '' }))
    .filter((entry) => day === undefined || entry.on <= day)
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.index - b.index));
  // A registration opens the fold wherever its opening day puts it: the events before it (there are none in a valid stream) are skipped.
  return effective.reduce((state, entry) => evolveSchool(state, entry.event), initialSchoolState());
}

/** Whether the school is open on the day: registered, opened by then, and neither closed nor converted by then. */
export const isSchoolOpenOn = (school: SchoolState, day: string): school is ExistingSchool =>
  school.exists && (school.openedOn === undefined || school.openedOn <= day) && (school.closedOn === undefined || school.closedOn > day);

/** The warning notices in force. */
export const noticesInForce = (school: ExistingSchool): Array<{ noticeId: string } & HeldNotice> =>
  Object.entries(school.warningNotices)
    .filter(([, notice]) => notice.withdrawnOn === undefined)
    .map(([noticeId, notice]) => ({ noticeId, ...notice }));

/** What the visit schedule needs to know of a scheme. */
export interface SchemeSchedule {
  kind: SchemeKind;
  categories: Array<Pick<SchemeCategory, 'code' | 'visitEveryWeeks'>>;
}

/**
 * When the next visit is due by the schedule the school's categories and stages set (the
 * shortest interval among them): that many weeks after the last visit, or after the category
 * took effect when there has been no visit since. Undefined when none of them sets a schedule.
 */
export function nextVisitDueOn(school: ExistingSchool, schemes: ReadonlyMap<string, SchemeSchedule>): string | undefined {
  const held = [...Object.entries(school.categories), ...Object.entries(school.stages)];
  let due: string | undefined;
  for (const [schemeId, category] of held) {
    const weeks = schemes.get(schemeId)?.categories.find((c) => c.code === category.code)?.visitEveryWeeks;
    if (!weeks) continue;
    const lastVisit = school.visits.reduce<string | undefined>((latest, v) => (latest === undefined || v.visitedOn > latest ? v.visitedOn : latest), undefined);
    const from = lastVisit !== undefined && lastVisit >= category.since ? lastVisit : category.since;
    const on = daysAfter(from, weeks * 7);
    if (due === undefined || on < due) due = on;
  }
  return due;
}

/** How many days before it falls due a visit is listed as due. */
export const VISIT_DUE_WARNING_DAYS = 14;

/** Whether a visit is overdue (its day has passed), due (within two weeks), not due, or there is no schedule. */
export function visitDueOn(nextDue: string | undefined, day: string): 'overdue' | 'due' | 'not-due' | 'no-schedule' {
  if (nextDue === undefined) return 'no-schedule';
  if (nextDue < day) return 'overdue';
  return nextDue <= daysAfter(day, VISIT_DUE_WARNING_DAYS) ? 'due' : 'not-due';
}

/** How long a school has to send its improvement plan after a grade 3 or 4 judgement is published (000:876). */
export const IMPROVEMENT_PLAN_DAYS = 14;

/** Whether the improvement plan asked for is overdue on the day: its due day has passed and none was received. */
export const isImprovementPlanOverdueOn = (school: ExistingSchool, day: string): boolean =>
  school.improvementPlan.dueOn !== undefined && school.improvementPlan.receivedOn === undefined && school.improvementPlan.dueOn < day;
