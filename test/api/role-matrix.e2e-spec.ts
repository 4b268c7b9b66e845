import { failedAuthLimiterFor } from '../../apps/api/src/auth/failed-auth-limiter';
import { APP_CONFIG } from '../../apps/api/src/config/app-config';
import { addPerson, deactivate, givePassword, GOOD_PASSWORD, grant, revoke, signIn, type SignedInSession } from '../support/accounts';
import { bearer, removeDataDir, startTestApp, tokenFor, type TestApp } from '../support/test-app';

/**
 * Every route x every kind of caller, with the status each must get. Owners are
 * owners of plan SIP; "other owner" owns plan LAC only.
 *
 * The callers are development tokens (`npm run token`, one role each) and people of the
 * directory: by session cookie (with its CSRF token on changes, or without it), by personal API
 * token, a person who holds no role, a deactivated person's session and token, and a revoked
 * token. A person's caller has the rights the directory gives them at the request.
 */
type DevCaller = 'none' | 'expired' | 'badSignature' | 'admin' | 'owner' | 'otherOwner' | 'board' | 'auditor';
const DEV_CALLERS: DevCaller[] = ['none', 'expired', 'badSignature', 'admin', 'owner', 'otherOwner', 'board', 'auditor'];
type PersonCaller =
  | 'sessionAdmin'
  | 'sessionOwner'
  | 'sessionBoard'
  | 'tokenAuditor'
  | 'tokenOtherOwner'
  | 'sessionNoCsrf'
  | 'sessionNoRole'
  | 'deactivatedSession'
  | 'deactivatedToken'
  | 'revokedToken';
type Caller = DevCaller | PersonCaller;
const PERSON_CALLERS: PersonCaller[] = [
  'sessionAdmin', 'sessionOwner', 'sessionBoard', 'tokenAuditor', 'tokenOtherOwner', 'sessionNoCsrf', 'sessionNoRole', 'deactivatedSession', 'deactivatedToken', 'revokedToken',
];
const CALLERS: Caller[] = [...DEV_CALLERS, ...PERSON_CALLERS];

//                      none expired badSig admin owner other board auditor
const ADMIN_ONLY_CREATE = [401, 401, 401, 201, 403, 403, 403, 403];
const PLAN_OWNER_CREATE = [401, 401, 401, 201, 201, 403, 403, 403];
const PLAN_OWNER_CHANGE = [401, 401, 401, 200, 200, 403, 403, 403];
const EVERY_ROLE_READS = [401, 401, 401, 200, 200, 200, 200, 200];
const ADMIN_ONLY_IMPORT = [401, 401, 401, 200, 403, 403, 403, 403];
const AUDITOR_AND_ADMIN_READ = [401, 401, 401, 200, 403, 403, 403, 200];
const BOARD_AUDITOR_ADMIN_READ = [401, 401, 401, 200, 403, 403, 200, 200];
/** Boards and meetings (issue 20): admins and board members run them; any owner (or officer) may answer a board action. */
const MEETING_SECRETARY_CREATE = [401, 401, 401, 201, 403, 403, 201, 403];
const BOARD_ACTION_RESPONDER_CREATE = [401, 401, 401, 201, 201, 201, 201, 403];
/** A board as it stood on a date: the board, auditors and admins, not owners. */
const AS_OF_READ = BOARD_AUDITOR_ADMIN_READ;
const TOMORROW = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/**
 * The routes that hold for development tokens hold for people alike: a person's session or token
 * gets what a development token of the same role gets. A session that changes something without
 * its CSRF token gets 403; a person with no role 403 (they are known, but may see nothing); a
 * deactivated person and a revoked token 401, as nobody.
 */
function forEveryCaller(dev: number[], method: Route['method'], isPublic: boolean): Record<Caller, number> {
  const of = (caller: DevCaller) => dev[DEV_CALLERS.indexOf(caller)];
  const asNobody = of('none');
  return {
    ...(Object.fromEntries(DEV_CALLERS.map((caller) => [caller, of(caller)])) as Record<DevCaller, number>),
    sessionAdmin: of('admin'),
    sessionOwner: of('owner'),
    sessionBoard: of('board'),
    tokenAuditor: of('auditor'),
    tokenOtherOwner: of('otherOwner'),
    sessionNoCsrf: method === 'get' || isPublic ? of('admin') : 403,
    sessionNoRole: isPublic ? asNobody : 403,
    deactivatedSession: asNobody,
    deactivatedToken: asNobody,
    revokedToken: asNobody,
  };
}

interface Route {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** `{n}` is replaced by a fresh number, so each caller acts on its own action. */
  path: string;
  body?: object;
  /** By development token (none, expired, bad signature, admin, owner, other owner, board, auditor), or by every caller. */
  expected: number[] | Record<Caller, number>;
  /** Needs no caller (health, signing in). */
  public?: boolean;
  /** Ends the session it is sent with (signing out, or in again): session callers sign in afresh for it. */
  endsSession?: boolean;
  /** The directory as the route needs it, for the case numbered `n` (a person to deactivate, a right to revoke). */
  prepare?: (directory: { addPerson: (id: string) => Promise<void>; grantOwner: (id: string, planId: string) => Promise<void>; deactivate: (id: string) => Promise<void> }, n: number) => Promise<void>;
}

/** Initials made of letters for the case numbered `n` ("Qbd" for 31): initials have no digits. */
const lettersOf = (n: number): string => `Q${[...String(n)].map((d) => 'abcdefghij'[Number(d)]).join('')}`;
const PEOPLE_READERS_READ = [401, 401, 401, 200, 403, 403, 403, 200];
const ADMIN_ONLY_READ = [401, 401, 401, 200, 403, 403, 403, 403];
const ADMIN_ONLY_CHANGE = [401, 401, 401, 200, 403, 403, 403, 403];

//                         none expired badSig admin owner other board auditor | sAdmin sOwner sBoard tAuditor tOther noCsrf noRole deactS deactT revoked
const row = (...statuses: number[]): Record<Caller, number> => Object.fromEntries(CALLERS.map((caller, i) => [caller, statuses[i]])) as Record<Caller, number>;
/** Their session: only a session has one. */
const SESSION_READ = row(401, 401, 401, 401, 401, 401, 401, 401, 200, 200, 200, 401, 401, 200, 200, 401, 401, 401);
/** Anyone known, with or without a role: who am I, my tokens. */
const SIGNED_IN_READ = row(401, 401, 401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401);
/** A personal token is a directory person's: a development token cannot make one. */
const TOKEN_CREATE = row(401, 401, 401, 403, 403, 403, 403, 403, 201, 201, 201, 201, 201, 403, 201, 401, 401, 401);
/** Revoking a token you do not have: allowed, but there is none (404). */
const TOKEN_REVOKE_UNKNOWN = row(401, 401, 401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 403, 404, 401, 401, 401);
const SIGN_OUT = row(401, 401, 401, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 403, 204, 401, 401, 401);
const ADMIN_ONLY_INVITE = row(401, 401, 401, 201, 403, 403, 403, 403, 201, 403, 403, 403, 403, 403, 403, 401, 401, 401);
const everyone = (status: number): Record<Caller, number> => row(...CALLERS.map(() => status));

const ROUTES: Route[] = [
  { method: 'post', path: '/api/plans', body: { id: 'P{n}', kind: 'other', title: 'Matrix plan' }, expected: ADMIN_ONLY_CREATE },
  { method: 'post', path: '/api/plans/SIP/workstreams', body: { id: 'WS{n}', title: 'Matrix work-stream' }, expected: ADMIN_ONLY_CREATE },
  { method: 'post', path: '/api/plans/SIP/actions', body: { id: 'A{n}', workstreamId: 'SIP.PS', title: 'Matrix action', owners: ['AB'] }, expected: PLAN_OWNER_CREATE },
  { method: 'post', path: '/api/actions/W{n}/start', body: { rag: 'G' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/G{n}/rag', body: { rag: 'A', reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/G{n}/notes', body: { text: 'Matrix note' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/G{n}/target-date', body: { targetDate: '2015-01-31', reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/G{n}/owners', body: { owners: ['CM'], reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/G{n}/complete', body: {}, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/B{n}/reopen', body: { rag: 'A', reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/G{n}/withdraw', body: { reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  // An action's steps: S{n} has an open step S{n}.s1, D{n} a done one.
  { method: 'post', path: '/api/actions/G{n}/steps', body: { text: 'Matrix step' }, expected: PLAN_OWNER_CREATE },
  { method: 'post', path: '/api/actions/S{n}/steps/S{n}.s1/complete', body: {}, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/D{n}/steps/D{n}.s1/reopen', body: { reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/S{n}/steps/S{n}.s1/revise', body: { text: 'Matrix text', reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'get', path: '/api/board', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/plans', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/plans/SIP', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/plans/SIP/board', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/actions/FIXED', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/actions/FIXED/history', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/audit', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/exceptions', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/health', expected: [200, 200, 200, 200, 200, 200, 200, 200], public: true },
  // A file with no plans: the import answers its (empty) report and writes nothing.
  { method: 'post', path: '/api/import', body: { plans: [] }, expected: ADMIN_ONLY_IMPORT },
  { method: 'get', path: '/api/plans/SIP/changes', expected: BOARD_AUDITOR_ADMIN_READ },
  { method: 'get', path: '/api/audit/verify', expected: AUDITOR_AND_ADMIN_READ },
  // Seals (issue 21): auditors and admins seal on demand and read the seals. A person added first
  // leaves something unsealed, so each one allowed makes a seal (201, not 200 "nothing new").
  { method: 'post', path: '/api/audit/seals', expected: [401, 401, 401, 201, 403, 403, 403, 201], prepare: (d, n) => d.addPerson(`ps${n}`) },
  { method: 'get', path: '/api/audit/seals', expected: AUDITOR_AND_ADMIN_READ },
  { method: 'get', path: '/api/plans/SIP/evidence', expected: AUDITOR_AND_ADMIN_READ },
  { method: 'get', path: '/api/plans/SIP/evidence?format=csv', expected: AUDITOR_AND_ADMIN_READ },
  { method: 'get', path: `/api/board?asOf=${TOMORROW}`, expected: AS_OF_READ },
  { method: 'get', path: `/api/plans/SIP/board?asOf=${TOMORROW}`, expected: AS_OF_READ },
  { method: 'get', path: `/api/exceptions?asOf=${TOMORROW}`, expected: AS_OF_READ },
  { method: 'get', path: `/api/actions/FIXED?asOf=${TOMORROW}`, expected: AS_OF_READ },
  // Outcome measures: M{n} is a fresh measure of plan SIP, V{n} one with a value for 2014.
  { method: 'post', path: '/api/plans/SIP/measures', body: { id: 'MD{n}', name: 'Matrix measure', unit: 'percent', polarity: 'higher', amberTolerance: 3 }, expected: PLAN_OWNER_CREATE },
  { method: 'post', path: '/api/measures/M{n}/targets', body: { period: '2014', value: 79 }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/measures/M{n}/values', body: { period: '2014', value: 81 }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/measures/V{n}/revisions', body: { period: '2014', value: 74, reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/measures/M{n}/comparators', body: { period: '2014', comparator: 'national', value: 80 }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/measures/M{n}/rag-override', body: { rag: 'A', reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'get', path: '/api/plans/SIP/measures', expected: EVERY_ROLE_READS },
  { method: 'get', path: `/api/plans/SIP/measures?asOf=${TOMORROW}`, expected: AS_OF_READ },
  { method: 'get', path: '/api/measures/FIXEDM', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/measures/FIXEDM/history', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/measures/FIXEDM/chart.svg', expected: EVERY_ROLE_READS },
  // Trends are counts only (no action named), so every plan reader sees them, over any period.
  { method: 'get', path: '/api/plans/SIP/trends', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/plans/SIP/trends.svg?from=2013-09-01&to=2014-08-31', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/trends?planIds=SIP', expected: EVERY_ROLE_READS },
  { method: 'get', path: `/api/trends.svg?to=${TOMORROW}`, expected: EVERY_ROLE_READS },
  // GET /api/events/stream (server-sent events, every role) never ends, so it has its own
  // 401/200 tests in test/web/events-stream.e2e-spec.ts.
  // Sign-in: sessions, who am I, personal tokens, set-up links.
  { method: 'post', path: '/api/session', body: { email: 'matrix.signin@norfolk.gov.uk', password: GOOD_PASSWORD }, expected: everyone(204), public: true, endsSession: true },
  { method: 'get', path: '/api/session', expected: SESSION_READ },
  { method: 'delete', path: '/api/session', expected: SIGN_OUT, endsSession: true },
  { method: 'get', path: '/api/me', expected: SIGNED_IN_READ },
  { method: 'get', path: '/api/tokens', expected: SIGNED_IN_READ },
  { method: 'post', path: '/api/tokens', body: { name: 'Matrix token {n}' }, expected: TOKEN_CREATE },
  { method: 'delete', path: '/api/tokens/no-such-token', expected: TOKEN_REVOKE_UNKNOWN },
  { method: 'post', path: '/api/people/invitee/invitations', body: {}, expected: ADMIN_ONLY_INVITE },
  // The directory of people (admins change it; admins and auditors read it), and my actions.
  { method: 'get', path: '/api/me/actions', expected: SIGNED_IN_READ },
  // Whether demo data is present: the web board's banner, on every page, for anyone signed in.
  { method: 'get', path: '/api/demo', expected: SIGNED_IN_READ },
  { method: 'post', path: '/api/people', body: { name: 'Matrix Person {n}', initials: '{L}' }, expected: ADMIN_ONLY_CREATE },
  { method: 'get', path: '/api/people', expected: PEOPLE_READERS_READ },
  { method: 'get', path: '/api/people/invitee', expected: PEOPLE_READERS_READ },
  { method: 'get', path: `/api/people/invitee?asOf=${TOMORROW}`, expected: PEOPLE_READERS_READ },
  { method: 'get', path: '/api/people/unmatched-owners', expected: ADMIN_ONLY_READ },
  { method: 'patch', path: '/api/people/invitee', body: { jobTitle: 'Matrix title {n}', reason: 'Matrix' }, expected: ADMIN_ONLY_CHANGE },
  { method: 'post', path: '/api/people/invitee/grants', body: { role: 'owner', planId: 'SIP', reason: 'Matrix' }, expected: ADMIN_ONLY_CREATE },
  {
    method: 'post', path: '/api/people/invitee/revocations', body: { role: 'owner', planId: 'LAC', reason: 'Matrix' }, expected: ADMIN_ONLY_CHANGE,
    prepare: (d) => d.grantOwner('invitee', 'LAC'),
  },
  { method: 'post', path: '/api/people/pd{n}/deactivation', body: { reason: 'Matrix' }, expected: ADMIN_ONLY_CHANGE, prepare: (d, n) => d.addPerson(`pd${n}`) },
  {
    method: 'post', path: '/api/people/pr{n}/reactivation', body: { reason: 'Matrix' }, expected: ADMIN_ONLY_CHANGE,
    prepare: async (d, n) => {
      await d.addPerson(`pr${n}`);
      await d.deactivate(`pr${n}`);
    },
  },
  // Issue 19, the register's reads (i19-register). No school is registered here: those who see every
  // school hear 404 for one, a board member (none named) the one 403 that reveals nothing; the
  // officer and school roles, and named schools, are in test/api/schools/register-confidentiality.e2e-spec.ts.
  { method: 'get', path: '/api/schools', expected: BOARD_AUDITOR_ADMIN_READ },
  { method: 'get', path: '/api/schools?asOf=2013-09-30', expected: BOARD_AUDITOR_ADMIN_READ },
  { method: 'get', path: '/api/schools/121212', expected: [401, 401, 401, 404, 403, 403, 403, 404] },
  { method: 'get', path: '/api/category-schemes', expected: BOARD_AUDITOR_ADMIN_READ },
  // With no scheme defined, the table and the movements are a 400 that says so, to those who may read them.
  { method: 'get', path: '/api/schools/categorisation', expected: [401, 401, 401, 400, 403, 403, 400, 400] },
  { method: 'get', path: '/api/schools/movements?from=2013-09-01', expected: [401, 401, 401, 400, 403, 403, 400, 400] },
  // Issue 19, register measures (i19-measures): a prediction is a change of the measure's plan;
  // the trajectory is for those who see the register's numbers (the officer and school roles:
  // test/api/schools/register-measures.e2e-spec.ts).
  { method: 'post', path: '/api/measures/M{n}/predictions', body: { period: '2014', value: 78 }, expected: PLAN_OWNER_CHANGE },
  { method: 'get', path: '/api/trajectory?indicator=good-or-better', expected: BOARD_AUDITOR_ADMIN_READ },
  { method: 'get', path: '/api/trajectory?indicator=good-or-better&asOf=2014-04-30', expected: BOARD_AUDITOR_ADMIN_READ },
  // Issue 20, reminders (i20-reminders): admins only; an unknown meeting is 404 to them, and nothing is sent.
  { method: 'get', path: '/api/reminders', expected: ADMIN_ONLY_READ },
  { method: 'get', path: '/api/reminders/NO-MEETING/CS', expected: [401, 401, 401, 404, 403, 403, 403, 403] },
  { method: 'post', path: '/api/meetings/NO-MEETING/reminders', body: {}, expected: [401, 401, 401, 404, 403, 403, 403, 403] },
  // A link nobody issued is 410 whoever sends it: the route needs no caller.
  { method: 'post', path: '/api/invitations/not-a-link-we-issued/accept', body: { password: GOOD_PASSWORD }, expected: everyone(410), public: true },
  // Issue 20, boards and meetings (i20-meetings): admins and board members run them (set up, schedule, issue, agree
  // board actions); owners and officers may answer and close a board action; every role but school reads.
  // MT{n} is a fresh meeting of board FIXEDB, BA{n} a fresh action of its meeting FIXEDMT.
  { method: 'post', path: '/api/boards', body: { id: 'BD{n}', name: 'Matrix board', planIds: ['SIP'] }, expected: MEETING_SECRETARY_CREATE },
  { method: 'post', path: '/api/boards/FIXEDB/revision', body: { members: ['Member {n}'], reason: 'Matrix' }, expected: MEETING_SECRETARY_CREATE },
  { method: 'post', path: '/api/boards/FIXEDB/meetings', body: { id: 'MS{n}', date: '2014-01-21', title: 'Matrix meeting', papersDueOn: '2014-01-14' }, expected: MEETING_SECRETARY_CREATE },
  { method: 'post', path: '/api/meetings/FIXEDMT/rescheduling', body: { title: 'Matrix meeting {n}', reason: 'Matrix' }, expected: MEETING_SECRETARY_CREATE },
  { method: 'post', path: '/api/meetings/MT{n}/pack', body: {}, expected: MEETING_SECRETARY_CREATE },
  { method: 'post', path: '/api/meetings/FIXEDMT/board-actions', body: { agendaItem: '1. Matters arising', text: 'Matrix {n}', owner: 'AB', dueOn: '2014-02-18' }, expected: MEETING_SECRETARY_CREATE },
  { method: 'post', path: '/api/board-actions/FIXEDBA/responses', body: { text: 'Matrix response {n}' }, expected: BOARD_ACTION_RESPONDER_CREATE },
  { method: 'post', path: '/api/board-actions/BA{n}/closure', body: { reason: 'Matrix' }, expected: BOARD_ACTION_RESPONDER_CREATE },
  { method: 'get', path: '/api/boards', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/boards/FIXEDB', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/boards/FIXEDB/meetings', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/boards/FIXEDB/board-actions', expected: EVERY_ROLE_READS },
  { method: 'get', path: `/api/boards/FIXEDB/board-actions?asOf=${TOMORROW}`, expected: AS_OF_READ },
  { method: 'get', path: '/api/meetings/FIXEDMT', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/board-actions/FIXEDBA', expected: EVERY_ROLE_READS },
  // The pack a meeting was issued (i20-pack): every role but school reads it. PK{n} is a fresh meeting of FIXEDB, its pack issued.
  { method: 'get', path: '/api/meetings/PK{n}/pack?format=json', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/meetings/PK{n}/pack', expected: EVERY_ROLE_READS },
];

describe('role matrix', () => {
  let t: TestApp;
  const admin = tokenFor('admin');
  const tokens: Record<DevCaller, string | undefined> = {
    none: undefined,
    expired: tokenFor('admin', { expiresIn: -60 }),
    badSignature: tokenFor('admin', { secret: 'not-the-server-secret-0123456789abcdef' }),
    admin,
    owner: tokenFor('owner', { plans: ['SIP'] }),
    otherOwner: tokenFor('owner', { plans: ['LAC'] }),
    board: tokenFor('board'),
    auditor: tokenFor('auditor'),
  };
  let n = 0;

  /** An action of plan SIP in the state the route needs (W, G or B; S with an open step, D with a done one), with a fresh id. */
  async function prepare(path: string): Promise<string> {
    const match = path.match(/\/api\/actions\/([WGBSD])\{n\}/);
    const id = `M${++n}`;
    const resolved = path.replaceAll('{n}', String(n));
    const post = (p: string, body: object) => t.http().post(p).set(bearer(admin)).send(body).expect((r) => expect(r.status).toBeLessThan(300));
    if (path.includes('/api/meetings/MT{n}/')) {
      await post('/api/boards/FIXEDB/meetings', { id: `MT${n}`, date: '2014-01-21', title: `Matrix ${id}`, papersDueOn: '2014-01-14' });
      return resolved;
    }
    if (path.includes('/api/meetings/PK{n}/')) {
      await post('/api/boards/FIXEDB/meetings', { id: `PK${n}`, date: '2014-01-21', title: `Matrix ${id}`, papersDueOn: '2014-01-14' });
      await post(`/api/meetings/PK${n}/pack`, {});
      return resolved;
    }
    if (path.includes('/api/board-actions/BA{n}/')) {
      await post('/api/meetings/FIXEDMT/board-actions', { id: `BA${n}`, agendaItem: '1. Matters arising', text: `Matrix ${id}`, owner: 'AB', dueOn: '2014-02-18' });
      return resolved;
    }
    const measure = path.match(/\/api\/measures\/([MV])\{n\}/);
    if (measure) {
      const measureId = `${measure[1]}${n}`;
      await post('/api/plans/SIP/measures', { id: measureId, name: `Matrix ${measureId}`, unit: 'percent', polarity: 'higher', amberTolerance: 3 });
      if (measure[1] === 'V') await post(`/api/measures/${measureId}/values`, { period: '2014', value: 81 });
      return resolved;
    }
    if (!match) return resolved;
    const actionId = `${match[1]}${n}`;
    await post('/api/plans/SIP/actions', { id: actionId, workstreamId: 'SIP.PS', title: `Matrix ${id}`, owners: ['AB'] });
    if (match[1] !== 'W') await post(`/api/actions/${actionId}/start`, {});
    if (match[1] === 'B') await post(`/api/actions/${actionId}/complete`, {});
    if (match[1] === 'S' || match[1] === 'D') await post(`/api/actions/${actionId}/steps`, { text: 'Matrix step' });
    if (match[1] === 'D') await post(`/api/actions/${actionId}/steps/${actionId}.s1/complete`, {});
    return resolved;
  }

  /** The people behind the person callers: their emails, sessions and personal tokens. */
  const emails: Partial<Record<PersonCaller, string>> = {};
  const sessions: Partial<Record<PersonCaller, SignedInSession>> = {};
  const personalTokens: Partial<Record<PersonCaller, string>> = {};

  async function personalToken(session: SignedInSession, name: string): Promise<{ id: string; token: string }> {
    return (await t.http().post('/api/tokens').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken).send({ name }).expect(201)).body;
  }

  /** The directory's people, each signed in (or holding a token) as their caller needs. */
  async function preparePeople(): Promise<void> {
    const person = async (caller: PersonCaller, id: string, rights: Array<{ role: 'admin' | 'owner' | 'board' | 'auditor'; planId?: string }>) => {
      const email = `${id}@norfolk.gov.uk`;
      await addPerson(t, { id, name: `Matrix ${id}`, initials: id.toUpperCase().slice(0, 1) + id.slice(1, 4), email, rights });
      await givePassword(t, id);
      emails[caller] = email;
      sessions[caller] = await signIn(t, email);
    };
    await person('sessionAdmin', 'madmin', [{ role: 'admin' }]);
    await person('sessionOwner', 'mowner', [{ role: 'owner', planId: 'SIP' }]);
    await person('sessionBoard', 'mboard', [{ role: 'board' }]);
    await person('tokenAuditor', 'mauditor', [{ role: 'auditor' }]);
    await person('tokenOtherOwner', 'mlac', [{ role: 'owner', planId: 'LAC' }]);
    await person('sessionNoRole', 'mnorole', [{ role: 'board' }]);
    await person('deactivatedSession', 'mgone', [{ role: 'admin' }]);
    await person('revokedToken', 'mrevoked', [{ role: 'admin' }]);
    // An admin session that will not send its CSRF token.
    sessions.sessionNoCsrf = await signIn(t, emails.sessionAdmin as string);
    personalTokens.tokenAuditor = (await personalToken(sessions.tokenAuditor as SignedInSession, 'Matrix auditor')).token;
    personalTokens.tokenOtherOwner = (await personalToken(sessions.tokenOtherOwner as SignedInSession, 'Matrix LAC owner')).token;
    personalTokens.deactivatedToken = (await personalToken(sessions.deactivatedSession as SignedInSession, 'Matrix gone')).token;
    const revoked = await personalToken(sessions.revokedToken as SignedInSession, 'Matrix revoked');
    personalTokens.revokedToken = revoked.token;
    const owner = sessions.revokedToken as SignedInSession;
    await t.http().delete(`/api/tokens/${revoked.id}`).set('Cookie', owner.cookie).set('X-CSRF-Token', owner.csrfToken).expect(204);
    // The person who holds no role: granted board above so a link could be used, then revoked.
    await revoke(t, 'mnorole', 'board');
    await deactivate(t, 'mgone');
    await addPerson(t, { id: 'invitee', name: 'Matrix Invitee', initials: 'MI', email: 'invitee@norfolk.gov.uk', rights: [{ role: 'board' }] });
    await addPerson(t, { id: 'msignin', name: 'Matrix Signin', initials: 'MS', email: 'matrix.signin@norfolk.gov.uk', rights: [{ role: 'board' }] });
    await givePassword(t, 'msignin');
  }

  /** The request of `route` as `caller` sends it: a development token, a session (with its CSRF token, or not) or a personal token. */
  async function send(route: Route, caller: Caller, path: string, body: object) {
    let req =
      route.method === 'get' ? t.http().get(path) : route.method === 'delete' ? t.http().delete(path) : route.method === 'patch' ? t.http().patch(path).send(body) : t.http().post(path).send(body);
    if (caller in tokens) {
      const token = tokens[caller as DevCaller];
      return token ? req.set(bearer(token)) : req;
    }
    const personCaller = caller as PersonCaller;
    const token = personalTokens[personCaller];
    if (token) return req.set(bearer(token));
    let session = sessions[personCaller] as SignedInSession;
    // Signing out would end the session the next routes use: sign in afresh for it (not the deactivated one, who cannot).
    if (route.endsSession && personCaller !== 'deactivatedSession') session = await signIn(t, emails[personCaller === 'sessionNoCsrf' ? 'sessionAdmin' : personCaller] as string);
    req = req.set('Cookie', session.cookie);
    return personCaller === 'sessionNoCsrf' ? req : req.set('X-CSRF-Token', session.csrfToken);
  }

  beforeAll(async () => {
    t = await startTestApp();
    const post = (p: string, body: object) => t.http().post(p).set(bearer(admin)).send(body).expect(201);
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic plan' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans', { id: 'LAC', kind: 'lac', title: 'LAC plan' });
    const added = await post('/api/plans/SIP/actions', { id: 'FIXED', workstreamId: 'SIP.PS', title: 'Fixed', owners: ['AB'] });
    const measure = await post('/api/plans/SIP/measures', { id: 'FIXEDM', name: 'Fixed measure', unit: 'percent', polarity: 'higher', amberTolerance: 3 });
    await post('/api/boards', { id: 'FIXEDB', name: 'Fixed board', planIds: ['SIP'] });
    await post('/api/boards/FIXEDB/meetings', { id: 'FIXEDMT', date: '2014-01-21', title: 'Fixed meeting', papersDueOn: '2014-01-14' });
    const agreed = await post('/api/meetings/FIXEDMT/board-actions', { id: 'FIXEDBA', agendaItem: '1. Matters arising', text: 'Fixed', owner: 'AB', dueOn: '2014-02-18' });
    await t.http().get(`/api/board?minPosition=${Math.max(added.body.position, measure.body.position, agreed.body.position)}`).set(bearer(admin)).expect(200);
    await preparePeople();
  }, 60_000);
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });
  // The table sends some 60 refused tokens from one address within seconds, over the
  // default limit of 20 a minute; that limit (429) is tested in security.e2e-spec.ts.
  afterEach(() => failedAuthLimiterFor(t.app.get(APP_CONFIG)).reset());

  const expectedOf = (route: Route): Record<Caller, number> =>
    Array.isArray(route.expected) ? forEveryCaller(route.expected, route.method, route.public === true) : route.expected;
  const cases = ROUTES.flatMap((route) => CALLERS.map((caller) => [route.method.toUpperCase(), route.path, caller, expectedOf(route)[caller], route] as const));

  it.each(cases)('%s %s as %s -> %i', async (_method, _path, caller, expected, route) => {
    const path = await prepare(route.path);
    await route.prepare?.(
      {
        addPerson: (id) => addPerson(t, { id, name: `Matrix ${id}`, initials: lettersOf(n), email: `${id}@norfolk.gov.uk` }),
        grantOwner: (id, planId) => grant(t, id, 'owner', planId),
        deactivate: (id) => deactivate(t, id),
      },
      n,
    );
    const body = JSON.parse(JSON.stringify(route.body ?? {}).replace(/\{n\}/g, String(n)).replace(/\{L\}/g, lettersOf(n)));
    const res = await send(route, caller, path, body);
    expect({ status: res.status, body: res.status >= 400 ? res.body : undefined }).toMatchObject({ status: expected });
    if (expected === 401 && (DEV_CALLERS as string[]).includes(caller)) expect(res.body.message).toMatch(/token|sign in/i);
    if (expected === 401 && caller === 'deactivatedToken') expect(res.body.message).toMatch(/deactivated/);
    // The first request of a deactivated person's session ends it: the next ones find it ended.
    if (expected === 401 && caller === 'deactivatedSession') expect(res.body.message).toMatch(/deactivated|session has ended/);
    if (expected === 401 && caller === 'revokedToken') expect(res.body.message).toMatch(/revoked/);
    if (expected === 403 && caller === 'sessionNoCsrf') expect(res.body.message).toMatch(/X-CSRF-Token/);
  });

  it('records the actor from the verified token, never from the body', async () => {
    const owner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
    const res = await t.http().post('/api/plans/SIP/actions').set(bearer(owner)).send({ id: 'ACTOR', workstreamId: 'SIP.PS', title: 'Who', owners: ['AB'], actor: { id: 'someone-else' } });
    expect(res.status).toBe(400);
    const ok = await t.http().post('/api/plans/SIP/actions').set(bearer(owner)).send({ id: 'ACTOR', workstreamId: 'SIP.PS', title: 'Who', owners: ['AB'] }).expect(201);
    const history = await t.http().get(`/api/actions/ACTOR/history?minPosition=${ok.body.position}`).set(bearer(admin)).expect(200);
    expect(history.body[0].actor).toEqual({ id: 'ab', name: 'Andrea Brown', role: 'owner' });
  });

  it('refuses a token whose claims name no known role', async () => {
    const { JwtService } = await import('@nestjs/jwt');
    const { TEST_SECRET } = await import('../support/test-app');
    const odd = new JwtService().sign({ sub: 'x', name: 'X', role: 'superuser' }, { secret: TEST_SECRET, algorithm: 'HS256' });
    const res = await t.http().get('/api/board').set(bearer(odd)).expect(401);
    expect(res.body.message).toMatch(/known role/);
  });

  // Issue 19, the register's writes (i19-domain): officers and admins record every change to a
  // school (201); the school's own headteacher or chair (a `school` token naming that URN), board
  // members (even one named for the school), owners and auditors are refused (403), and nobody
  // without a token (401). Category schemes are the admins' alone. Each case acts on a fresh school.
  describe('the register’s writes', () => {
    type SchoolWriter = 'none' | 'admin' | 'officer' | 'owner' | 'board' | 'namedBoard' | 'auditor' | 'school';
    const SCHOOL_WRITE: Record<SchoolWriter, number> = { none: 401, admin: 201, officer: 201, owner: 403, board: 403, namedBoard: 403, auditor: 403, school: 403 };
    const SCHEME_WRITE: Record<SchoolWriter, number> = { ...SCHOOL_WRITE, officer: 403 };
    const tokenOf = (caller: SchoolWriter, urn: string): string | undefined =>
      ({
        none: undefined,
        admin,
        officer: tokenFor('officer'),
        owner: tokenFor('owner', { plans: ['SIP'] }),
        board: tokenFor('board'),
        namedBoard: tokenFor('board', { schools: [urn] }),
        auditor: tokenFor('auditor'),
        school: tokenFor('school', { schools: [urn] }),
      })[caller];
    const SCHOOL_ROUTES: Array<{ path: string; body: object; expected: Record<SchoolWriter, number> }> = [
      { path: '/api/schools', body: { urn: '{new}', name: 'Matrix school', phase: 'primary', type: 'maintained' }, expected: SCHOOL_WRITE },
      { path: '/api/schools/{urn}/details', body: { pupils: 100, reason: 'Matrix' }, expected: SCHOOL_WRITE },
      { path: '/api/schools/{urn}/categorisations', body: { scheme: 'norfolk', category: 'B3', reason: 'Matrix' }, expected: SCHOOL_WRITE },
      { path: '/api/schools/{urn}/ofsted-judgements', body: { inspectedOn: '2013-10-08', publishedOn: '2013-11-01', grade: 3 }, expected: SCHOOL_WRITE },
      { path: '/api/schools/{urn}/warning-notices', body: { kind: 'la-warning', issuedOn: '2013-11-01', reason: 'Matrix' }, expected: SCHOOL_WRITE },
      { path: '/api/schools/{urn}/warning-notices/wn-1/withdrawal', body: { reason: 'Matrix' }, expected: SCHOOL_WRITE },
      { path: '/api/schools/{urn}/intervention-stages', body: { scheme: 'essex-stages', stage: '2', reason: 'Matrix' }, expected: SCHOOL_WRITE },
      { path: '/api/schools/{urn}/powers', body: { power: 'additional-governors', decidedBy: 'council', decidedOn: '2013-11-01', reason: 'Matrix' }, expected: SCHOOL_WRITE },
      { path: '/api/schools/{urn}/officers', body: { name: 'Matrix Officer', role: 'intervention-officer' }, expected: SCHOOL_WRITE },
      { path: '/api/schools/{urn}/visits', body: { visitedOn: '2013-11-01', officer: 'Matrix Officer', purpose: 'Review', notes: '' }, expected: SCHOOL_WRITE },
      { path: '/api/schools/{urn}/improvement-plans', body: { receivedOn: '2013-11-01' }, expected: SCHOOL_WRITE },
      { path: '/api/schools/{urn}/conversion', body: { successorUrn: '{new}', convertedOn: '2013-11-01', reason: 'Matrix' }, expected: SCHOOL_WRITE },
      { path: '/api/schools/{urn}/closure', body: { closedOn: '2013-11-01', reason: 'Matrix' }, expected: SCHOOL_WRITE },
      { path: '/api/category-schemes', body: { id: 'matrix-{n}', name: 'Matrix', kind: 'category', categories: [{ code: 'X', label: 'X', order: 1, group: 'causing-concern' }] }, expected: SCHEME_WRITE },
      { path: '/api/category-schemes/matrix/revision', body: { categories: [{ code: 'X', label: 'Matrix {n}', order: 1, group: 'causing-concern' }], reason: 'Matrix' }, expected: SCHEME_WRITE },
    ];
    const WRITERS: SchoolWriter[] = ['none', 'admin', 'officer', 'owner', 'board', 'namedBoard', 'auditor', 'school'];
    let next = 300000;
    const adminPost = (path: string, body: object) => t.http().post(path).set(bearer(admin)).send(body).expect((r) => expect(r.status).toBe(201));

    beforeAll(async () => {
      await adminPost('/api/category-schemes', { example: 'norfolk' });
      await adminPost('/api/category-schemes', { example: 'essex-stages' });
      await adminPost('/api/category-schemes', { id: 'matrix', name: 'Matrix', kind: 'category', categories: [{ code: 'X', label: 'X', order: 1, group: 'causing-concern' }] });
    });

    it.each(SCHOOL_ROUTES.flatMap((route) => WRITERS.map((caller) => [route.path, caller, route.expected[caller], route] as const)))('POST %s as %s -> %i', async (_path, caller, expected, route) => {
      const urn = String(next++);
      await adminPost('/api/schools', { urn, name: `Matrix ${urn}`, phase: 'primary', type: 'maintained' });
      if (route.path.includes('/withdrawal')) await adminPost(`/api/schools/${urn}/warning-notices`, { kind: 'la-warning', issuedOn: '2013-11-01', reason: 'Matrix' });
      const fill = (text: string) => text.replaceAll('{urn}', urn).replaceAll('{new}', String(next++)).replaceAll('{n}', urn);
      const req = t.http().post(fill(route.path)).send(JSON.parse(fill(JSON.stringify(route.body))));
      const token = tokenOf(caller, urn);
      const res = await (token ? req.set(bearer(token)) : req);
      expect({ status: res.status, body: res.status >= 400 ? res.body : undefined }).toMatchObject({ status: expected });
      // A refusal says which roles may, never anything of the school.
      if (expected === 403) expect(res.body.message).not.toMatch(new RegExp(`${urn}|Matrix`));
    });
  });
});
