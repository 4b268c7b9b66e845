/**
 * The roles, what each may do, and the claims a token carries. The API enforces these
 * rules; the web board reads the same ones only to hide what the server would refuse.
 */

export const ROLES = ['admin', 'owner', 'board', 'auditor', 'officer', 'school'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Administrator',
  owner: 'Plan owner',
  board: 'Board member',
  auditor: 'Auditor',
  officer: 'School improvement officer',
  school: 'Headteacher or chair of governors',
};

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Who may read the past: boards as they stood on a date, and the changes between meetings. */
export const HISTORY_READERS: readonly Role[] = ['board', 'auditor', 'admin'];

/** Who may change the plans themselves and import them: admins only. */
export const PLAN_ADMINS: readonly Role[] = ['admin'];

/** Who may add to a plan (actions, work-stream content, measures): admins, and owners of that plan. */
export const PLAN_WRITERS: readonly Role[] = ['admin', 'owner'];

/** Who may check the log and take evidence packs: auditors and admins. */
export const EVIDENCE_READERS: readonly Role[] = ['auditor', 'admin'];

/** Who may seal the log on demand (`POST /api/audit/seals`) and read its seals: auditors and admins. */
export const SEALERS: readonly Role[] = ['auditor', 'admin'];

/**
 * Who may set up the boards that meet, schedule their meetings, issue a meeting's pack and record
 * what a meeting agreed: admins (the clerk) and board members.
 */
export const MEETING_SECRETARIES: readonly Role[] = ['admin', 'board'];

/** Who may answer a board's action (its owner is often a plan owner or an officer) or close it: as below, and admins and board members. */
export const BOARD_ACTION_RESPONDERS: readonly Role[] = ['admin', 'board', 'owner', 'officer'];

/** Who may see the reminders sent (or written, without SMTP) before meetings, and send them now: admins. */
export const REMINDER_ADMINS: readonly Role[] = ['admin'];

/** Who may read the directory of people and the rights they hold (now or on a past date): admins and auditors. */
export const PEOPLE_READERS: readonly Role[] = ['admin', 'auditor'];

/**
 * One right a person holds: a council-wide role (admin, board, auditor, officer), owner of one
 * plan (`planId`), or one school's (`urn`): the `school` role (a headteacher or chair of
 * governors, who sees only their own school), or a board member's named school (a local
 * member who may see the category of the schools of their division).
 */
export interface Right {
  role: Role;
  planId?: string;
  urn?: string;
}

/**
 * Someone the rules below are asked about: a verified principal, or what the page was told of
 * its session. A person may hold several roles (an auditor who also owns a plan).
 */
export interface Caller {
  roles: readonly Role[];
  /** The plans they own (the owner role, plan by plan). */
  plans: readonly string[];
  /** The schools (URNs) named in their rights: their own school (school role), or a board member's named schools. Absent: none. */
  schools?: readonly string[];
}

/** The caller that a list of rights makes: every role held, and the plans owned. */
export function callerOfRights(rights: readonly Right[]): Caller {
  const roles = [...new Set(rights.map((right) => right.role))];
  const plans = [...new Set(rights.filter((right) => right.role === 'owner' && right.planId).map((right) => right.planId as string))];
  const schools = [...new Set(rights.filter((right) => right.urn).map((right) => right.urn as string))];
  return { roles, plans, schools };
}

/** Whether the caller holds at least one of these roles. */
export const holdsAnyRole = (caller: Pick<Caller, 'roles'> | undefined, roles: readonly Role[]): boolean =>
  !!caller && caller.roles.some((role) => roles.includes(role));

/** The order in which a person's roles stand for them in an event's actor: the widest first. */
export const ROLE_PRECEDENCE: readonly Role[] = ['admin', 'owner', 'officer', 'board', 'auditor', 'school'];

/** The role recorded as an event's actor role: the widest the person holds that the route allows. */
export const actingRole = (caller: Pick<Caller, 'roles'>, allowed: readonly Role[] = ROLES): Role | undefined =>
  ROLE_PRECEDENCE.find((role) => caller.roles.includes(role) && allowed.includes(role));

/** admin: every plan; owner: the plans they own; board and auditor: none. */
export const mayUpdatePlan = (caller: Caller | undefined, planId: string): boolean =>
  !!caller && (caller.roles.includes('admin') || (caller.roles.includes('owner') && caller.plans.includes(planId)));

/**
 * Who may assess a milestone: those who may update the plan, and board members (a milestone is
 * assessed at the board's meeting).
 */
export const mayAssessMilestone = (caller: Caller | undefined, planId: string): boolean => mayUpdatePlan(caller, planId) || holdsAnyRole(caller, ['board']);

/**
 * Who may read the plans, their boards, actions, measures, milestones and evidence: every role
 * but `school`. A headteacher or chair of governors holds no plan: they see their own school
 * in the register, and the council's plans and the documents attached to them are not theirs
 * to read. A route that names no roles of its own is open to these.
 */
export const PLAN_READERS: readonly Role[] = ['admin', 'owner', 'board', 'auditor', 'officer'];

/** Who may record anything about a school (categories, judgements, notices, visits...) and import the register: officers and admins. */
export const SCHOOL_OFFICERS: readonly Role[] = ['officer', 'admin'];

/**
 * Who sees every school's confidential category (000:131-133, 000:533): officers, admins, and
 * auditors (who replay the whole log, so would see it there anyway).
 */
export const SCHOOL_CATEGORY_READERS: readonly Role[] = ['officer', 'admin', 'auditor'];

/** Who may read the register's counts and movements (never which school holds which category, unless allowed below). */
export const SCHOOL_COUNT_READERS: readonly Role[] = ['officer', 'admin', 'auditor', 'board'];

/** Who may read the register's rows at all: everyone who may see some school (the rows are then cut to those). */
export const SCHOOL_REGISTER_READERS: readonly Role[] = ['officer', 'admin', 'auditor', 'board', 'school'];

/** Whether the caller sees every school's category (and so every school). */
export const maySeeEverySchool = (caller: Pick<Caller, 'roles'> | undefined): boolean => holdsAnyRole(caller, SCHOOL_CATEGORY_READERS);

/**
 * Whether the caller may see this school and its category: those who see every school; a
 * `school` right for it (their own school); a board member's right naming it (their division).
 */
export const maySeeSchool = (caller: Caller | undefined, urn: string): boolean => maySeeEverySchool(caller) || (!!caller && (caller.schools ?? []).includes(urn));

/** Whether the caller may record changes to schools. */
export const mayRecordSchools = (caller: Pick<Caller, 'roles'> | undefined): boolean => holdsAnyRole(caller, SCHOOL_OFFICERS);

/** Past boards and the changes between meetings are for the board, auditors and admins. */
export const mayReadHistory = (caller: Pick<Caller, 'roles'> | undefined): boolean => holdsAnyRole(caller, HISTORY_READERS);

/** What a token of ours says, once read. */
export interface Claims extends Caller {
  sub: string;
  name: string;
  role: Role;
  /** The one role of a development token, as a list (see Caller). */
  roles: Role[];
  plans: string[];
  /** The schools of a `school` (or a board member's) development token: `--schools <urn,...>`. */
  schools: string[];
  /** Expiry, seconds since the epoch. */
  exp?: number;
}

/**
 * The claims in a token's payload, or undefined when they are not ours (no user, no
 * name, or a role we do not know). Plans that are not strings are dropped.
 */
export function claimsFromPayload(value: unknown): Claims | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const payload = value as Record<string, unknown>;
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) return undefined;
  if (typeof payload.name !== 'string' || payload.name.length === 0) return undefined;
  if (!isRole(payload.role)) return undefined;
  const plans = Array.isArray(payload.plans) ? payload.plans.filter((p): p is string => typeof p === 'string') : [];
  const schools = Array.isArray(payload.schools) ? payload.schools.filter((u): u is string => typeof u === 'string') : [];
  return { sub: payload.sub, name: payload.name, role: payload.role, roles: [payload.role], plans, schools, exp: typeof payload.exp === 'number' ? payload.exp : undefined };
}
