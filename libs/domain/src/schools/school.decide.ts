/**
 * The register's rules for one school (domain-schools.md 3.1-3.6). Each command decides on the
 * school's state folded in LOG order (what has been recorded, whatever day it took effect);
 * the as-at view is schoolStateOn's. The decider does not know today: the API refuses days
 * that have not come yet.
 */
import {
  isOneOf, OFFICER_ROLES, OFSTED_CATEGORIES, OFSTED_GRADES, POWER_DECIDERS, POWER_HOLDERS, POWERS, SCHOOL_PHASES, SCHOOL_TYPES, VISIT_RAGS, WARNING_NOTICE_KINDS,
  WARNING_NOTICE_SECTIONS,
} from '@rag-ledger/contract';

import { daysAfter, isIsoDate } from '../shared/dates';
import { requireReason } from '../shared/errors';
import { changedFields, withoutUndefined } from '../shared/revisions';
import { CategoryNotInSchemeError, SchemeKindError, SchemeNotFoundError } from './category-scheme.errors';
import type { CategorySchemeState, ExistingScheme } from './category-scheme.state';
import type { SchoolCommand } from './school.commands';
import {
  DaysOutOfOrderError, GradeFourNeedsCategoryError, ImprovementPlanNotReceivedError, InvalidOfficerRoleError, InvalidOfstedGradeError, InvalidPowerDeciderError, InvalidPowerError,
  InvalidPupilNumberError, InvalidSchoolDayError, InvalidSchoolPhaseError, InvalidSchoolTypeError, InvalidUrnError, InvalidVisitRagError, InvalidWarningNoticeKindError, OwnUrnError,
  PowerNotHeldError, SchoolAlreadyRegisteredError, SchoolClosedError, SchoolDetailRequiredError, SchoolNameRequiredError, SchoolNotRegisteredError, StageUnchangedError,
  VisitIdTakenError, WarningNoticeAlreadyWithdrawnError, WarningNoticeIdTakenError, WarningNoticeNotFoundError, WarningNoticeReasonRequiredError,
} from './school.errors';
import type { SchoolDetails, SchoolEvent } from './school.events';
import { IMPROVEMENT_PLAN_DAYS, type ExistingSchool, type SchoolState } from './school.state';

/** A URN is six digits (the national list's unique reference number). */
export const isUrn = (value: unknown): value is string => typeof value === 'string' && /^\d{6}$/.test(value);

export function decideSchool(command: SchoolCommand, state: SchoolState): SchoolEvent[] {
  if (command.type === 'RegisterSchool') {
    const d = command.data;
    if (!isUrn(d.urn)) throw new InvalidUrnError(d.urn);
    if (state.exists) throw new SchoolAlreadyRegisteredError(d.urn);
    const details = checkDetails({ name: d.name, phase: d.phase, type: d.type, district: d.district, trust: d.trust, openedOn: d.openedOn, pupils: d.pupils }, true);
    if (d.predecessorUrn !== undefined) {
      if (!isUrn(d.predecessorUrn)) throw new InvalidUrnError(d.predecessorUrn, "The predecessor's URN");
      if (d.predecessorUrn === d.urn) throw new OwnUrnError(d.urn, 'predecessor');
    }
    return [{ type: 'SchoolRegistered', data: withoutUndefined({ urn: d.urn, ...(details as SchoolDetails), predecessorUrn: d.predecessorUrn }) }];
  }
  if (!state.exists) throw new SchoolNotRegisteredError(command.data.urn);
  const urn = state.urn;
  if (command.type === 'ReviseSchoolDetails') {
    const changes = changedFields(checkDetails(command.data.changes, false), state);
    // A refresh of the national list that finds nothing new is nothing happened, not a refusal.
    if (Object.keys(changes).length === 0) return [];
    return [{ type: 'SchoolDetailsRevised', data: { urn, changes, reason: requireReason(command.data.reason, "revising the school's details") } }];
  }
  if (state.closedOn !== undefined) throw new SchoolClosedError(urn, state.successorUrn);
  return [decideOnOpenSchool(command, state)];
}

function decideOnOpenSchool(command: Exclude<SchoolCommand, { type: 'RegisterSchool' | 'ReviseSchoolDetails' }>, state: ExistingSchool): SchoolEvent {
  const urn = state.urn;
  switch (command.type) {
    case 'CategoriseSchool': {
      const d = command.data;
      const scheme = requireScheme(command.scheme, d.scheme, 'category');
      requireCode(scheme, d.category, 'category');
      const categorisedOn = requireDay('categorisedOn', d.categorisedOn);
      const reason = requireReason(d.reason, 'the category (what the council saw)');
      // Re-confirming the category held is recorded too: a termly review that leaves it as it is is a decision.
      const previous = state.categories[d.scheme]?.code;
      return { type: 'SchoolCategorised', data: withoutUndefined({ urn, scheme: d.scheme, category: d.category, previous, categorisedOn, reason }) };
    }
    case 'RecordOfstedJudgement': {
      const d = command.data;
      const inspectedOn = requireDay('inspectedOn', d.inspectedOn);
      const publishedOn = requireDay('publishedOn', d.publishedOn);
      if (publishedOn < inspectedOn) throw new DaysOutOfOrderError('The publication day', publishedOn, 'the inspection day', inspectedOn);
      if (!isOneOf(OFSTED_GRADES, d.grade)) throw new InvalidOfstedGradeError(d.grade);
      if (d.grade === 4 ? !isOneOf(OFSTED_CATEGORIES, d.category) : d.category !== undefined) throw new GradeFourNeedsCategoryError(d.grade, d.category);
      // The school's improvement plan is due within two weeks of a grade 3 or 4 judgement's publication (000:876).
      const improvementPlanDueOn = d.grade >= 3 ? daysAfter(publishedOn, IMPROVEMENT_PLAN_DAYS) : undefined;
      return { type: 'OfstedJudgementRecorded', data: withoutUndefined({ urn, inspectedOn, publishedOn, grade: d.grade, category: d.category, improvementPlanDueOn }) };
    }
    case 'IssueWarningNotice': {
      const d = command.data;
      if (!isOneOf(WARNING_NOTICE_KINDS, d.kind)) throw new InvalidWarningNoticeKindError(d.kind);
      if (typeof d.reason !== 'string' || d.reason.trim() === '') throw new WarningNoticeReasonRequiredError();
      const issuedOn = requireDay('issuedOn', d.issuedOn);
      if (d.noticeId !== undefined && state.warningNotices[d.noticeId]) throw new WarningNoticeIdTakenError(urn, d.noticeId);
      const noticeId = d.noticeId ?? nextFreeId('wn-', state.warningNotices);
      if (noticeId.trim() === '') throw new SchoolDetailRequiredError('noticeId', 'A warning notice id cannot be blank; give none for the next free one.');
      return { type: 'WarningNoticeIssued', data: { urn, noticeId, kind: d.kind, section: WARNING_NOTICE_SECTIONS[d.kind], issuedOn, reason: d.reason } };
    }
    case 'WithdrawWarningNotice': {
      const d = command.data;
      const notice = state.warningNotices[d.noticeId];
      if (!notice) throw new WarningNoticeNotFoundError(urn, d.noticeId);
      if (notice.withdrawnOn !== undefined) throw new WarningNoticeAlreadyWithdrawnError(d.noticeId, notice.withdrawnOn);
      const withdrawnOn = requireDay('withdrawnOn', d.withdrawnOn);
      if (withdrawnOn < notice.issuedOn) throw new DaysOutOfOrderError('The withdrawal day', withdrawnOn, 'the day the notice was issued', notice.issuedOn);
      return { type: 'WarningNoticeWithdrawn', data: { urn, noticeId: d.noticeId, withdrawnOn, reason: requireReason(d.reason, 'withdrawing the warning notice') } };
    }
    case 'ChangeInterventionStage': {
      const d = command.data;
      const scheme = requireScheme(command.scheme, d.scheme, 'intervention-stage');
      requireCode(scheme, d.stage, 'stage');
      const previous = state.stages[d.scheme]?.code;
      if (previous === d.stage) throw new StageUnchangedError(d.scheme, d.stage);
      const changedOn = requireDay('changedOn', d.changedOn);
      const reason = requireReason(d.reason, 'changing the intervention stage');
      return { type: 'InterventionStageChanged', data: withoutUndefined({ urn, scheme: d.scheme, stage: d.stage, previous, changedOn, reason, automatic: d.automatic === true }) };
    }
    case 'UsePower': {
      const d = command.data;
      if (!isOneOf(POWERS, d.power)) throw new InvalidPowerError(d.power);
      if (!isOneOf(POWER_DECIDERS, d.decidedBy)) throw new InvalidPowerDeciderError(d.decidedBy);
      if (!POWER_HOLDERS[d.power].includes(d.decidedBy)) throw new PowerNotHeldError(d.power, d.decidedBy, POWER_HOLDERS[d.power]);
      const decidedOn = requireDay('decidedOn', d.decidedOn);
      return { type: 'PowerUsed', data: { urn, power: d.power, decidedBy: d.decidedBy, decidedOn, reason: requireReason(d.reason, 'using the power') } };
    }
    case 'AssignOfficer': {
      const d = command.data;
      if (!isOneOf(OFFICER_ROLES, d.role)) throw new InvalidOfficerRoleError(d.role);
      const name = requireText('name', d.name, "An officer needs a name: the school's officer is who it deals with.");
      const assignedOn = requireDay('assignedOn', d.assignedOn);
      const reason = d.reason !== undefined && d.reason.trim() !== '' ? d.reason : undefined;
      return { type: 'OfficerAssigned', data: withoutUndefined({ urn, role: d.role, personId: d.personId, name, assignedOn, reason }) };
    }
    case 'RecordVisit': {
      const d = command.data;
      const visitedOn = requireDay('visitedOn', d.visitedOn);
      const officer = requireText('officer', d.officer, 'A visit needs the name of the officer who made it.');
      const purpose = requireText('purpose', d.purpose, 'A visit needs its purpose, such as "Review visit".');
      // Notes may be empty (nothing to add) but must be given: a visit with no notes field is a form that lost them.
      if (typeof d.notes !== 'string') throw new SchoolDetailRequiredError('notes', "A visit's notes must be given, even if empty.");
      if (d.rag !== undefined && !isOneOf(VISIT_RAGS, d.rag)) throw new InvalidVisitRagError(d.rag);
      const taken = new Set(state.visits.map((v) => v.visitId));
      if (d.visitId !== undefined && taken.has(d.visitId)) throw new VisitIdTakenError(urn, d.visitId);
      const visitId = d.visitId ?? nextFreeId('v', Object.fromEntries([...taken].map((id) => [id, true])));
      if (visitId.trim() === '') throw new SchoolDetailRequiredError('visitId', 'A visit id cannot be blank; give none for the next free one.');
      return { type: 'VisitRecorded', data: withoutUndefined({ urn, visitId, visitedOn, officer, purpose, notes: d.notes, rag: d.rag }) };
    }
    case 'ReceiveImprovementPlan':
      return { type: 'ImprovementPlanReceived', data: { urn, receivedOn: requireDay('receivedOn', command.data.receivedOn) } };
    case 'EvaluateImprovementPlan': {
      const d = command.data;
      const receivedOn = state.improvementPlan.receivedOn;
      if (receivedOn === undefined) throw new ImprovementPlanNotReceivedError(urn);
      const evaluatedOn = requireDay('evaluatedOn', d.evaluatedOn);
      if (evaluatedOn < receivedOn) throw new DaysOutOfOrderError('The evaluation day', evaluatedOn, 'the day the plan was received', receivedOn);
      const evaluation = requireText('evaluation', d.evaluation, 'An evaluation of the improvement plan needs its text: what the council found.');
      return { type: 'ImprovementPlanEvaluated', data: { urn, evaluatedOn, evaluation } };
    }
    case 'ConvertSchool': {
      const d = command.data;
      if (!isUrn(d.successorUrn)) throw new InvalidUrnError(d.successorUrn, "The academy's URN");
      if (d.successorUrn === urn) throw new OwnUrnError(urn, 'successor');
      const convertedOn = requireDay('convertedOn', d.convertedOn);
      return { type: 'SchoolConverted', data: { urn, successorUrn: d.successorUrn, convertedOn, reason: requireReason(d.reason, 'the conversion') } };
    }
    case 'CloseSchool':
      return { type: 'SchoolClosed', data: { urn, closedOn: requireDay('closedOn', command.data.closedOn), reason: requireReason(command.data.reason, 'closing the school') } };
  }
}

/**
 * The school's details as given, checked; blank optional text is left out. On registration
 * the name, phase and type are required; on a revision only what is given is checked.
 */
function checkDetails(details: Partial<SchoolDetails>, registering: boolean): Partial<SchoolDetails> {
  const { name, phase, type, district, trust, openedOn, pupils } = details;
  if (registering || name !== undefined) {
    if (typeof name !== 'string' || name.trim() === '') throw new SchoolNameRequiredError();
  }
  if ((registering || phase !== undefined) && !isOneOf(SCHOOL_PHASES, phase)) throw new InvalidSchoolPhaseError(phase);
  if ((registering || type !== undefined) && !isOneOf(SCHOOL_TYPES, type)) throw new InvalidSchoolTypeError(type);
  if (openedOn !== undefined) requireDay('openedOn', openedOn);
  if (pupils !== undefined && !(typeof pupils === 'number' && Number.isInteger(pupils) && pupils >= 0)) throw new InvalidPupilNumberError(pupils);
  const text = (value: string | undefined) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
  return withoutUndefined({ name, phase, type, district: text(district), trust: text(trust), openedOn, pupils });
}

function requireScheme(scheme: CategorySchemeState, schemeId: string, kind: ExistingScheme['kind']): ExistingScheme {
  if (!scheme.exists) throw new SchemeNotFoundError(schemeId);
  if (scheme.kind !== kind) throw new SchemeKindError(schemeId, scheme.kind, kind);
  return scheme;
}

function requireCode(scheme: ExistingScheme, code: unknown, what: 'category' | 'stage'): void {
  if (!scheme.categories.some((c) => c.code === code)) throw new CategoryNotInSchemeError(scheme.id, code, scheme.categories.map((c) => c.code), what);
}

function requireDay(field: string, value: unknown): string {
  if (!isIsoDate(value)) throw new InvalidSchoolDayError(field, value);
  return value;
}

function requireText(field: string, value: unknown, message: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new SchoolDetailRequiredError(field, message);
  return value;
}

/** `<prefix><n>`: n one more than the ids held, or the next above it that is free (ids given by hand may have taken it). */
function nextFreeId(prefix: string, taken: Record<string, unknown>): string {
  let n = Object.keys(taken).length + 1;
  while (taken[`${prefix}${n}`] !== undefined) n += 1;
  return `${prefix}${n}`;
}
