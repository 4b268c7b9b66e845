/**
 * The directory of people as the API answers it (GET /api/people, /api/me/actions, the owners
 * beside an action's initials). Types only; who may read it is PEOPLE_READERS (roles.ts).
 */
import type { Right } from './roles.js';
import type { ActionStatus } from './status.js';
import type { LogStamp } from './views.js';

/** Whether the person can sign in with a password: never invited, a set-up link issued, or used. */
export type SignIn = 'not-invited' | 'invited' | 'set-up';

/** One person of GET /api/people and GET /api/people/:id, as of the instant asked. */
export interface PersonView {
  id: string;
  name: string;
  initials: string;
  jobTitle?: string;
  email?: string;
  active: boolean;
  rights: Right[];
  plans: {
    /** The plans whose ownership they hold (the owner right). */
    owns: string[];
    /** The plans with actions whose printed owners are their initials. */
    actionsIn: string[];
  };
  signIn: SignIn;
}

/** GET /api/people. */
export interface PeopleView {
  asOf: string;
  people: PersonView[];
  stamp: LogStamp;
}

/** GET /api/people/:id. */
export type PersonAnswer = PersonView & { asOf: string; stamp: LogStamp };

/**
 * An action's owner as printed, and who that is in the directory (as of the same instant as the
 * action): initials that match nobody have only `initials`, and are never dropped.
 */
export interface OwnerPerson {
  initials: string;
  personId?: string;
  name?: string;
  jobTitle?: string;
}

/** One line of GET /api/people/unmatched-owners: a printed owner nobody in the directory has as initials. */
export interface UnmatchedOwner {
  owner: string;
  actions: number;
  plans: string[];
}

export type MyActionDue = 'overdue' | 'within-30-days' | 'later' | 'closed';

/** One of GET /api/me/actions. */
export interface MyAction {
  id: string;
  ref: string | null;
  title: string;
  planId: string;
  planTitle: string;
  status: ActionStatus;
  /** The RAG of an action in progress (G, A or R). */
  rag?: 'G' | 'A' | 'R';
  targetDate?: string;
  due: MyActionDue;
  /** "3 of 5 steps done", as on the plan board (0 and 0 when it has no steps). */
  stepsDone: number;
  stepsTotal: number;
}

/** GET /api/me/actions: `person` is null for a caller the directory does not know (a development token). */
export interface MyActionsView {
  person: { id: string; name: string; initials: string; jobTitle?: string } | null;
  actions: MyAction[];
}

/** The person signed in, as GET /api/session and GET /api/me name them: who they are, never their secrets. */
export interface SessionPerson {
  id: string;
  name: string;
  /** Absent only for a development token's caller, who is not in the directory. */
  initials?: string;
  jobTitle?: string;
  email?: string;
}

/** GET /api/session. */
export interface SessionAnswer {
  person: SessionPerson;
  rights: Right[];
  csrfToken: string;
  expiresAt?: string;
  idleExpiresAt?: string;
}
