import { OFFICER_ROLES, type SchoolRow } from '@rag-ledger/contract';
import {
  isImprovementPlanOverdueOn,
  isSchoolOpenOn,
  nextVisitDueOn,
  noticesInForce,
  visitDueOn,
  type ExistingSchool,
  type SchemeSchedule,
} from '@rag-ledger/domain';

/**
 * One row of the register: the school as at the UK day, with the visit schedule and the
 * improvement plan judged on that day. A school closed (or converted) by then has no visit due.
 * The row carries the school's categories; the API shows a row only to those who may see it.
 */
export function toSchoolRow(school: ExistingSchool, day: string, schemes: ReadonlyMap<string, SchemeSchedule>): SchoolRow {
  const open = isSchoolOpenOn(school, day);
  const nextDue = open ? nextVisitDueOn(school, schemes) : undefined;
  const lastVisit = school.visits.at(-1);
  const plan = school.improvementPlan;
  return {
    urn: school.urn,
    name: school.name,
    phase: school.phase,
    type: school.type,
    district: school.district ?? null,
    trust: school.trust ?? null,
    openedOn: school.openedOn ?? null,
    closedOn: school.closedOn ?? null,
    pupils: school.pupils ?? null,
    categories: Object.fromEntries(Object.entries(school.categories).map(([scheme, held]) => [scheme, held.code])),
    stages: Object.fromEntries(Object.entries(school.stages).map(([scheme, held]) => [scheme, held.code])),
    ofsted: school.ofsted
      ? { grade: school.ofsted.grade, category: school.ofsted.category ?? null, inspectedOn: school.ofsted.inspectedOn, publishedOn: school.ofsted.publishedOn }
      : null,
    warningNotices: noticesInForce(school).map(({ noticeId, kind, issuedOn }) => ({ noticeId, kind, issuedOn })),
    officers: OFFICER_ROLES.flatMap((role) => {
      const officer = school.officers[role];
      return officer ? [{ role, name: officer.name, personId: officer.personId ?? null }] : [];
    }),
    // The visits are in the order they took effect: the last is the latest.
    lastVisit: lastVisit ? { visitedOn: lastVisit.visitedOn, officer: lastVisit.officer, rag: lastVisit.rag ?? null } : null,
    nextVisitDueOn: nextDue ?? null,
    visitDue: visitDueOn(nextDue, day),
    improvementPlan: {
      dueOn: plan.dueOn ?? null,
      receivedOn: plan.receivedOn ?? null,
      evaluatedOn: plan.evaluatedOn ?? null,
      evaluation: plan.evaluation ?? null,
      overdue: open && isImprovementPlanOverdueOn(school, day),
    },
    predecessorUrn: school.predecessorUrn ?? null,
    successorUrn: school.successorUrn ?? null,
  };
}
