/**
 * The schools register's words, defined once for the rules, the API and the web board: phases
 * and types of school, Ofsted grades and categories, warning notices, powers, officers,
 * category schemes, and the shapes GET /api/schools... answers. Types and constant lists only.
 * See ../shared/domain-schools.md (3.1-3.6) for where each word comes from.
 */
import type { LogStamp } from './views.js';

/** The phase of education, as the register groups schools (special and PRU are told from the type of establishment). */
export const SCHOOL_PHASES = ['nursery', 'primary', 'secondary', 'all-through', 'special', 'pru'] as const;
export type SchoolPhase = (typeof SCHOOL_PHASES)[number];
export const SCHOOL_PHASE_LABELS: Record<SchoolPhase, string> = {
  nursery: 'Nursery',
  primary: 'Primary',
  secondary: 'Secondary',
  'all-through': 'All-through',
  special: 'Special',
  pru: 'Pupil referral unit',
};

/** How the school is run: maintained by the council, or an academy (converter, sponsored) or free school. */
export const SCHOOL_TYPES = ['maintained', 'academy-converter', 'sponsored-academy', 'free-school'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];
export const SCHOOL_TYPE_LABELS: Record<SchoolType, string> = {
  maintained: 'Maintained',
  'academy-converter': 'Academy converter',
  'sponsored-academy': 'Sponsored academy',
  'free-school': 'Free school',
};

/** Ofsted's overall effectiveness: 1 Outstanding, 2 Good, 3 Requires improvement (formerly Satisfactory), 4 Inadequate. */
export const OFSTED_GRADES = [1, 2, 3, 4] as const;
export type OfstedGrade = (typeof OFSTED_GRADES)[number];
export const OFSTED_GRADE_LABELS: Record<OfstedGrade, string> = { 1: 'Outstanding', 2: 'Good', 3: 'Requires improvement', 4: 'Inadequate' };

/** A grade 4's Ofsted category (domain-schools.md 3.1): required with grade 4, refused with any other. */
export const OFSTED_CATEGORIES = ['special-measures', 'serious-weaknesses'] as const;
export type OfstedCategory = (typeof OFSTED_CATEGORIES)[number];
export const OFSTED_CATEGORY_LABELS: Record<OfstedCategory, string> = { 'special-measures': 'Special measures', 'serious-weaknesses': 'Serious weaknesses' };

/** Warning notices (3.4), each with the statute it is issued under. */
export const WARNING_NOTICE_KINDS = ['la-warning', 'performance-standards-safety', 'teachers-pay-conditions'] as const;
export type WarningNoticeKind = (typeof WARNING_NOTICE_KINDS)[number];
export const WARNING_NOTICE_LABELS: Record<WarningNoticeKind, string> = {
  'la-warning': 'LA warning notice',
  'performance-standards-safety': 'Performance, standards and safety warning notice',
  'teachers-pay-conditions': "Teachers' pay and conditions warning notice",
};
/** The statutory section each kind is issued under; an LA warning notice is the council's own, under no section. */
export const WARNING_NOTICE_SECTIONS: Record<WarningNoticeKind, string | null> = {
  'la-warning': null,
  'performance-standards-safety': 'Section 60, Education and Inspections Act 2006',
  'teachers-pay-conditions': 'Section 60A, Education and Inspections Act 2006',
};

/** The statutory powers of intervention, in order of increasing intervention (003:104-117). */
export const POWERS = ['additional-governors', 'enforced-federation', 'removal-of-delegated-funding', 'interim-executive-board', 'academy-order', 'closure'] as const;
export type Power = (typeof POWERS)[number];
export const POWER_LABELS: Record<Power, string> = {
  'additional-governors': 'Additional governors',
  'enforced-federation': 'Enforced federation',
  'removal-of-delegated-funding': 'Removal of delegated funding',
  'interim-executive-board': 'Interim executive board',
  'academy-order': 'Academy order',
  closure: 'Closure',
};
export const POWER_DECIDERS = ['council', 'secretary-of-state'] as const;
export type PowerDecider = (typeof POWER_DECIDERS)[number];
export const POWER_DECIDER_LABELS: Record<PowerDecider, string> = { council: 'The council', 'secretary-of-state': 'The Secretary of State' };
/** Who may use each power (003:104-117; 000:332): an academy order is the Secretary of State's alone. */
export const POWER_HOLDERS: Record<Power, readonly PowerDecider[]> = {
  'additional-governors': ['council', 'secretary-of-state'],
  'enforced-federation': ['council'],
  'removal-of-delegated-funding': ['council'],
  'interim-executive-board': ['council', 'secretary-of-state'],
  'academy-order': ['secretary-of-state'],
  closure: ['council', 'secretary-of-state'],
};

/** The officers assigned to a school. */
export const OFFICER_ROLES = ['intervention-officer', 'challenge-partner'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];
export const OFFICER_ROLE_LABELS: Record<OfficerRole, string> = { 'intervention-officer': 'Intervention officer', 'challenge-partner': 'Education challenge partner' };

/** The officer's RAG of a school's progress against its own improvement plan (000:843). */
export const VISIT_RAGS = ['G', 'A', 'R'] as const;
export type VisitRag = (typeof VISIT_RAGS)[number];

/** What a scheme grades: the council's risk category of a school, or its intervention stage (Essex's five stages). */
export const SCHEME_KINDS = ['category', 'intervention-stage'] as const;
export type SchemeKind = (typeof SCHEME_KINDS)[number];

/** The three groups every category belongs to (000:133, 000:655). */
export const CATEGORY_GROUPS = ['causing-concern', 'requires-improvement', 'good-or-better'] as const;
export type CategoryGroup = (typeof CATEGORY_GROUPS)[number];
export const CATEGORY_GROUP_LABELS: Record<CategoryGroup, string> = {
  'causing-concern': 'Causing concern',
  'requires-improvement': 'Requires improvement',
  'good-or-better': 'Good or better',
};

/** One category (or stage) of a scheme. */
export interface SchemeCategory {
  code: string;
  label: string;
  /** Its place, worst first (1 is the most concern); movements are listed worst first by it. */
  order: number;
  /** For a category scheme, required; a stage may have none. */
  group?: CategoryGroup;
  /** How often the school's officer should visit while it holds this category, in weeks; absent: no schedule. */
  visitEveryWeeks?: number;
}

export interface CategorySchemeView {
  id: string;
  name: string;
  kind: SchemeKind;
  categories: SchemeCategory[];
  revision: number;
}

/** The indicators a register-computed measure can be (issue 19). */
export const SCHOOL_INDICATORS = ['good-or-better', 'pupils-in-good-or-better', 'in-ofsted-category', 'requires-improvement', 'concern-rag-green'] as const;
export type SchoolIndicator = (typeof SCHOOL_INDICATORS)[number];
export const SCHOOL_INDICATOR_LABELS: Record<SchoolIndicator, string> = {
  'good-or-better': '% of schools judged good or better',
  'pupils-in-good-or-better': '% of pupils attending good or better schools',
  'in-ofsted-category': '% of schools in an Ofsted category',
  'requires-improvement': '% of schools judged to require improvement',
  'concern-rag-green': '% of schools of concern RAG rated green by their officer',
};

export const isOneOf = <T extends string | number>(list: readonly T[], value: unknown): value is T => (list as readonly unknown[]).includes(value);

// ---- What GET /api/schools... answers -------------------------------------------------------

/** Whether a visit is due by the schedule the school's category sets, on the day asked. */
export type VisitDue = 'overdue' | 'due' | 'not-due' | 'no-schedule';

/** One row of the register, GET /api/schools (state on the day asked). */
export interface SchoolRow {
  urn: string;
  name: string;
  phase: SchoolPhase;
  type: SchoolType;
  district: string | null;
  trust: string | null;
  openedOn: string | null;
  closedOn: string | null;
  pupils: number | null;
  /** The council's category, per scheme id; shown only to those who may see this school's (see roles.ts). */
  categories: Record<string, string>;
  /** The intervention stage, per stage scheme id. */
  stages: Record<string, string>;
  ofsted: { grade: OfstedGrade; category: OfstedCategory | null; inspectedOn: string; publishedOn: string } | null;
  /** Warning notices in force. */
  warningNotices: Array<{ noticeId: string; kind: WarningNoticeKind; issuedOn: string }>;
  officers: Array<{ role: OfficerRole; name: string; personId: string | null }>;
  lastVisit: { visitedOn: string; officer: string; rag: VisitRag | null } | null;
  nextVisitDueOn: string | null;
  visitDue: VisitDue;
  improvementPlan: { dueOn: string | null; receivedOn: string | null; evaluatedOn: string | null; evaluation: string | null; overdue: boolean };
  predecessorUrn: string | null;
  successorUrn: string | null;
}

export interface SchoolRegisterView {
  asOf: string;
  schools: SchoolRow[];
  stamp: LogStamp;
}

/** One event of a school's timeline, in words. */
export interface SchoolTimelineEntry {
  type: string;
  /** The day it took effect (the visit's day, the judgement's publication), YYYY-MM-DD. */
  effectiveOn: string;
  /** When it was recorded, and by whom. */
  at: string;
  by: { id: string; name: string; role: string };
  summary: string;
  reason: string | null;
  position: number;
  data: Record<string, unknown>;
}

/** GET /api/schools/:urn. */
export interface SchoolAnswer {
  asOf: string;
  school: SchoolRow;
  timeline: SchoolTimelineEntry[];
  revision: number;
  stamp: LogStamp;
}

/** GET /api/schools/categorisation. */
export interface CategorisationTable {
  asOf: string;
  scheme: string;
  /** The phases with an open school on the day, in SCHOOL_PHASES order. */
  phases: Array<{
    phase: SchoolPhase;
    /** Every code of the scheme, zeros included. */
    counts: Record<string, number>;
    /** Every open school of the phase: those counted, and those holding no code of the scheme. */
    total: number;
    uncategorised: number;
    schools?: Array<{ urn: string; name: string; category: string }>;
  }>;
}

/** GET /api/schools/movements: schools that moved between categories in the period, worst destination first. */
export interface CategoryMovements {
  from: string;
  to: string;
  scheme: string;
  /** Counts per move, e.g. { from: 'B3', to: 'A4', count: 3 }; `schools` only for those allowed. */
  moves: Array<{ from: string | null; to: string; count: number; schools?: Array<{ urn: string; name: string }> }>;
}

/** The value of a register-computed measure for one period (on GET /api/measures/:id's series). */
export interface ComputedValue {
  /** The day the register was read on: the period's last day, or today for a period not yet ended. */
  on: string;
  numerator: number;
  denominator: number;
  /** The figure in words: who is counted, and who is left out and why (no school named). */
  explanation: string;
  /** The schools counted in the denominator, and whether each is in the numerator; only for those allowed. */
  schools?: Array<{ urn: string; name: string; counted: boolean }>;
}

/** GET /api/trajectory?indicator=: predicted against target and actual, per phase and period. */
export interface TrajectoryView {
  /** The UK day it was read on: `actual` is given for the periods ended by then. */
  asOf: string;
  indicator: SchoolIndicator;
  /** One entry per register measure of the indicator, by phase (a measure of every phase, null, last). */
  phases: Array<{
    phase: SchoolPhase | null;
    measureId: string;
    planId: string;
    name: string;
    periods: Array<{ period: string; predicted: number | null; target: number | null; actual: number | null }>;
  }>;
}
