/**
 * The demo's history: the real Norfolk plans of 2013, then 18 invented months of a living board
 * (owners starting actions, RAG changes with reasons, completions, target dates revised, notes,
 * measure values, a refresh to a new plan version, the Improvement Board's monthly meetings and
 * the Education board's with packs issued and board actions agreed, responded to and closed,
 * and a schools register matching the strategy's September 2013 table), played on a simulated
 * clock through the app's HTTP API, so every change goes through the handlers people use, and
 * every event is marked `demo: true` (the app is built with `demo: true`).
 *
 * Shared by `npm run demo`, the demo's tests, the browser tests (their fixture) and the pack benchmark.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { daysAfter } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { NORFOLK_PLAN_KINDS, readGlossary } from '@rag-ledger/import';
import { resolveJwtSecret } from '../auth/jwt-secret';
import type { AppConfig } from '../config/app-config';
import { createApp } from '../create-app';
import { DemoApi, SimulatedClock, type Caller } from './demo-api';
import { categorisationsCsv, demoSchools, schoolsListCsv, type DemoSchool } from './demo-schools';
import * as words from './demo-words';
import { DEMO_SEED, Prng } from './prng';

/** The repository's samples/, from the sources (tests) or the build (dist/apps/api/src/demo). */
const SAMPLES = [join(__dirname, '../../../../samples'), join(__dirname, '../../../../../samples')].find((dir) => existsSync(dir)) ?? join(__dirname, '../../../../samples');
export const NORFOLK_PLANS_FILE = join(SAMPLES, 'norfolk-plans-2013.json');
const GLOSSARY_FILE = join(SAMPLES, 'norfolk-glossary-2013.txt');

/** The history starts the month the plans were refreshed (October 2013) and runs 18 months by default. */
export const DEMO_START_MONTH = '2013-10';
export const DEMO_MONTHS = 18;
export const IMPROVEMENT_BOARD_ID = 'improvement-board';
export const EDUCATION_BOARD_ID = 'education-board';
const PLAN_IDS = ['SIP', 'SG', 'LAC', 'EDU', 'EH'];

export interface PlayDemoOptions {
  /** The data directory and the rest of the configuration (loadConfig()). */
  config: AppConfig;
  /** How many months to play (1-18; 18 by default). */
  months?: number;
  /** Where the progress lines go (none by default). */
  log?: (line: string) => void;
}

export interface DemoPlayed {
  /** The log held the demo already: nothing was written. */
  alreadyPlayed: boolean;
  seed: number;
  /** The first and last simulated days. */
  from: string;
  to: string;
  /** Requests that changed something. */
  writes: number;
  /** The events in the log after playing. */
  events: number;
  /** The meetings of each board, by date; the last is the one scheduled and not yet held. */
  meetings: Record<string, string[]>;
  /** The ids of the meetings whose pack was issued, by board. */
  issued: Record<string, string[]>;
  seconds: number;
}

/** The log already holds a council's own records: the demo must not be mixed into them. */
export class NotEmptyLogError extends Error {
  override readonly name = 'NotEmptyLogError';
}

interface DemoAction {
  id: string;
  planId: string;
  owners: string[];
  status: string;
  targetDate: string | null;
  /** Most actions go well; a troubled one slips more often and recovers less. */
  troubled: boolean;
  revisions: number;
}

/** A change of the history at a time in the month, run in time order. */
interface Step {
  day: string;
  hour: number;
  run: () => Promise<void>;
}

const ADMIN: Caller = { role: 'admin', user: 'demo-admin', name: 'Demo Admin' };
const SECRETARY: Caller = { role: 'board', user: 'demo-secretary', name: 'Demo Board Secretary' };
const OFFICER: Caller = { role: 'officer', user: 'dp', name: 'Dave Pollock' };

const monthDays = (month: string): number => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
const addMonths = (month: string, n: number): string => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
};
/** The nth weekday (0 Sunday ... 6 Saturday) of a month, as a UK day. */
const nthWeekday = (month: string, weekday: number, nth: number): string => {
  const first = new Date(`${month}-01T12:00:00Z`).getUTCDay();
  return `${month}-${String(1 + ((weekday - first + 7) % 7) + (nth - 1) * 7).padStart(2, '0')}`;
};
const dayIn = (month: string, d: number) => `${month}-${String(Math.min(d, monthDays(month))).padStart(2, '0')}`;

/** Plays the history into the configured data directory (see the file's comment). */
export async function playDemo(options: PlayDemoOptions): Promise<DemoPlayed> {
  const started = Date.now();
  const months = Math.max(1, Math.min(DEMO_MONTHS, options.months ?? DEMO_MONTHS));
  const log = options.log ?? (() => undefined);
  const from = `${DEMO_START_MONTH}-01`;
  const lastMonth = addMonths(DEMO_START_MONTH, months - 1);
  const to = dayIn(lastMonth, 31);
  const clock = new SimulatedClock(`${from}T09:00:00.000Z`);
  const app = await createApp(options.config, { clock, demo: true });
  await app.init();
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const first = await firstEvent(store);
    if (first) {
      if (first.demo !== true) throw new NotEmptyLogError(`The data directory ${options.config.dataDir} already holds records that are not the demo's; the demo plays only into an empty one (set RAG_LEDGER_DATA_DIR to a new directory).`);
      return { alreadyPlayed: true, seed: DEMO_SEED, from, to, writes: 0, events: await countEvents(store), meetings: {}, issued: {}, seconds: (Date.now() - started) / 1000 };
    }
    const server = app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const api = new DemoApi(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, resolveJwtSecret(options.config), clock);
    const history = new DemoHistory(api, clock, new Prng(DEMO_SEED), log);
    await history.play(months);
    return {
      alreadyPlayed: false,
      seed: DEMO_SEED,
      from,
      to,
      writes: api.writes,
      events: await countEvents(store),
      meetings: history.meetings,
      issued: history.issued,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await app.close();
  }
}

async function firstEvent(store: EventStore): Promise<{ demo?: boolean } | undefined> {
  for await (const event of store.readAll()) return { demo: (event.metadata as { demo?: boolean } | undefined)?.demo };
  return undefined;
}

async function countEvents(store: EventStore): Promise<number> {
  let n = 0;
  for await (const _ of store.readAll()) n++;
  return n;
}

class DemoHistory {
  readonly meetings: Record<string, string[]> = { [IMPROVEMENT_BOARD_ID]: [], [EDUCATION_BOARD_ID]: [] };
  readonly issued: Record<string, string[]> = { [IMPROVEMENT_BOARD_ID]: [], [EDUCATION_BOARD_ID]: [] };
  private actions: DemoAction[] = [];
  private schools: DemoSchool[] = [];
  private readonly people = new Map<string, string>();
  /** Board actions still open: id, owner and due day. */
  private openBoardActions: Array<{ id: string; boardId: string; owner: string; dueOn: string; responded: boolean }> = [];

  constructor(
    private readonly api: DemoApi,
    private readonly clock: SimulatedClock,
    private readonly random: Prng,
    private readonly log: (line: string) => void,
  ) {}

  async play(months: number): Promise<void> {
    for (let m = 0; m < months; m++) {
      const month = addMonths(DEMO_START_MONTH, m);
      const steps = m === 0 ? this.firstMonth(month) : this.month(month, m, months);
      steps.sort((a, b) => (a.day === b.day ? a.hour - b.hour : a.day < b.day ? -1 : 1));
      for (const step of steps) {
        this.clock.moveTo(step.day, step.hour);
        await step.run();
      }
      this.log(`${month}  ${this.summary()}`);
    }
    // The next Improvement Board meeting is on the record, its pack not yet issued.
    const next = addMonths(DEMO_START_MONTH, months);
    this.clock.moveTo(daysAfter(`${next}-01`, -1), 15);
    await this.scheduleMeeting(IMPROVEMENT_BOARD_ID, nthWeekday(next, 4, 3), "Children's Services Improvement Board");
  }

  private summary(): string {
    const counts: Record<string, number> = {};
    for (const a of this.actions) counts[a.status] = (counts[a.status] ?? 0) + 1;
    return ['W', 'G', 'A', 'R', 'B'].map((s) => `${s} ${counts[s] ?? 0}`).join(', ') + `; ${this.api.writes} changes so far`;
  }

  private owner(action: DemoAction): Caller {
    const initials = action.owners[0] ?? 'lead';
    return { role: 'owner', user: initials.toLowerCase(), name: this.people.get(initials) ?? `Owner ${initials}`, plans: [action.planId] };
  }

  // ---- the first month: the plans, the people, the register, the measures, the boards --------

  private firstMonth(month: string): Step[] {
    const steps: Step[] = [
      { day: dayIn(month, 1), hour: 9, run: () => this.loadSchools() },
      { day: dayIn(month, 14), hour: 9, run: () => this.loadPlans() },
      { day: dayIn(month, 15), hour: 10, run: () => this.defineMeasures() },
      { day: dayIn(month, 21), hour: 10, run: () => this.establishBoards() },
    ];
    // The second half of October: owners start the actions due soonest.
    for (let d = 22; d <= 31; d += 3) steps.push({ day: dayIn(month, d), hour: 11, run: () => this.moveActions(0, 0.35) });
    return steps;
  }

  private async loadPlans(): Promise<void> {
    const file = JSON.parse(readFileSync(NORFOLK_PLANS_FILE, 'utf8')) as { plans: Array<{ id: string; kind?: string }> };
    for (const plan of file.plans) plan.kind = NORFOLK_PLAN_KINDS[plan.id];
    await this.api.post(ADMIN, '/import', JSON.stringify(file), 'application/json; charset=utf-8');
    const glossary = readFileSync(GLOSSARY_FILE, 'utf8');
    for (const person of readGlossary(glossary)) this.people.set(person.initials, person.name);
    await this.api.post(ADMIN, '/people/import', glossary, 'text/plain');
    for (const planId of PLAN_IDS) {
      const board = await this.api.get<{ workstreams: Array<{ actions: Array<{ id: string; owners: string[]; status: string; targetDate: string | null }> }> }>(ADMIN, `/plans/${planId}/board`);
      for (const w of board.workstreams) {
        for (const a of w.actions) this.actions.push({ id: a.id, planId, owners: a.owners, status: a.status, targetDate: a.targetDate, troubled: this.random.chance(0.25), revisions: 0 });
      }
    }
    this.log(`plans         ${this.actions.length} actions in ${PLAN_IDS.length} plans (the Norfolk plans of 2013), ${this.people.size} people of the education plan's glossary`);
  }

  private async loadSchools(): Promise<void> {
    this.schools = demoSchools(this.random);
    await this.api.post(ADMIN, '/category-schemes', { example: 'norfolk' });
    await this.api.post(OFFICER, '/schools/import', schoolsListCsv(this.schools), 'text/csv');
    const reason = encodeURIComponent('LA risk analysis, September 2013');
    await this.api.post(OFFICER, `/schools/categorisations/import?scheme=norfolk&categorisedOn=2013-09-30&reason=${reason}`, categorisationsCsv(this.schools.map((s) => ({ urn: s.urn, category: s.category, reason: 'LA risk analysis, September 2013' }))), 'text/csv');
    for (const s of this.schools) await this.judge(s, s.grade, s.inspectedOn);
    this.log(`schools       ${this.schools.length} invented schools, categorised as the September 2013 table, with their Ofsted judgements`);
  }

  private async judge(school: DemoSchool, grade: number, inspectedOn: string): Promise<void> {
    const category = grade === 4 ? (school.ofstedCategory ?? 'serious-weaknesses') : undefined;
    await this.api.post(OFFICER, `/schools/${school.urn}/ofsted-judgements`, { inspectedOn, publishedOn: daysAfter(inspectedOn, 21), grade, ...(category ? { category } : {}) });
    school.grade = grade as DemoSchool['grade'];
  }

  private async defineMeasures(): Promise<void> {
    const edu = { ...ADMIN };
    for (const [id, name, phase, targets, national] of [
      // The plan's own KPIs 2.2 and 2.3 (EDU.M.2.2, imported) are typed; these are computed from the register.
      ['EDU.R.2.2', '% of primary phase schools judged good or better (from the schools register)', 'primary', [79, 85], 79],
      ['EDU.R.2.3', '% of secondary phase schools judged good or better (from the schools register)', 'secondary', [75, 80], 73],
    ] as const) {
      await this.api.post(edu, '/plans/EDU/measures', { id, name, unit: 'percent', polarity: 'higher', amberTolerance: 5, computedFrom: 'register', indicator: 'good-or-better', phase });
      await this.api.post(edu, `/measures/${id}/targets`, { period: '2014', value: targets[0] });
      await this.api.post(edu, `/measures/${id}/targets`, { period: '2015', value: targets[1] });
      await this.api.post(edu, `/measures/${id}/comparators`, { period: '2013', comparator: 'national', value: national });
    }
    await this.api.post(ADMIN, '/plans/SG/measures', { id: 'SG.M.1', name: 'Child protection plans reviewed within timescale', unit: 'percent', polarity: 'higher', amberTolerance: 3 });
    await this.api.post(ADMIN, '/plans/LAC/measures', { id: 'LAC.M.1', name: 'Looked-after children with three or more placements in the year', unit: 'percent', polarity: 'lower', amberTolerance: 1 });
    await this.recordQuarter('2013-Q3', 0);
  }

  /** The typed measures' figures for a quarter, the q-th of the history: better most quarters. */
  private async recordQuarter(period: string, q: number): Promise<void> {
    const sg = Math.min(96, 81 + q * 2 + this.random.int(-2, 1));
    const lac = Math.max(8, 12.5 - q * 0.6 + this.random.int(-1, 1) * 0.3);
    await this.api.post(ADMIN, '/measures/SG.M.1/targets', { period, value: 90 });
    await this.api.post(ADMIN, '/measures/SG.M.1/values', { period, value: sg, source: 'CP conference tracker' });
    await this.api.post(ADMIN, '/measures/LAC.M.1/targets', { period, value: 10 });
    await this.api.post(ADMIN, '/measures/LAC.M.1/values', { period, value: Math.round(lac * 10) / 10, source: 'LAC placements return' });
  }

  /** The summer 2014 results, provisional, against the education plan's imported KPIs: one ahead, one close, one behind. */
  private async recordResults2014(): Promise<void> {
    for (const [id, value] of [['EDU.M.1.1', 58.2], ['EDU.M.1.2', 75], ['EDU.M.1.3', 55.8]] as const) {
      await this.api.post(ADMIN, `/measures/${id}/values`, { period: '2014', value, provisional: true, source: 'DfE provisional results, September 2014' });
    }
  }

  private async establishBoards(): Promise<void> {
    await this.api.post(SECRETARY, '/boards', {
      id: IMPROVEMENT_BOARD_ID,
      name: "Children's Services Improvement Board",
      kind: 'improvement',
      planIds: PLAN_IDS,
      members: ['Independent chair', 'Director of Children\'s Services', 'Lead Member for Children\'s Services', 'GB', 'CS', 'Chair of the NSCB'],
    });
    await this.api.post(SECRETARY, '/boards', {
      id: EDUCATION_BOARD_ID,
      name: 'Education Improvement Board',
      kind: 'plan',
      planIds: ['EDU'],
      members: ['CS', 'MJE', 'PD', 'DW', 'Headteacher representative'],
    });
    this.log('boards        the Improvement Board (all five plans) and the Education Improvement Board');
  }

  // ---- every later month ----------------------------------------------------------------------

  private month(month: string, m: number, months: number): Step[] {
    const steps: Step[] = [];
    // The board moves toward green as the months pass; some actions slip to red on the way.
    const progress = m / Math.max(1, months - 1);
    for (const d of [4, 11, 18, 25]) steps.push({ day: dayIn(month, d), hour: 11, run: () => this.moveActions(progress, 0.25) });
    steps.push(...this.boardMeetings(month, m));
    steps.push(...this.schoolSteps(month, m));
    if (['01', '04', '07', '10'].includes(month.slice(5, 7))) {
      const [y, mm] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
      const quarter = mm === 1 ? `${y - 1}-Q4` : `${y}-Q${(mm - 1) / 3}`;
      steps.push({ day: dayIn(month, 9), hour: 10, run: () => this.recordQuarter(quarter, m / 3) });
    }
    if (month === '2014-09') steps.push({ day: dayIn(month, 15), hour: 10, run: () => this.recordResults2014() });
    if (month === '2014-04') steps.push({ day: dayIn(month, 10), hour: 10, run: () => this.refreshPlans() });
    return steps;
  }

  /** Each action moves at most once a visit: started, RAG changed, completed, its date revised, or a note. */
  private async moveActions(progress: number, share: number): Promise<void> {
    const today = this.clock.now().toISOString().slice(0, 10);
    for (const action of this.actions) {
      if (action.status === 'B' || !this.random.chance(share)) continue;
      const owner = this.owner(action);
      const due = action.targetDate !== null && action.targetDate <= daysAfter(today, 14);
      const path = `/actions/${encodeURIComponent(action.id)}`;
      if (action.status === 'W') {
        const soon = action.targetDate === null || action.targetDate <= daysAfter(today, 120);
        if (!this.random.chance(soon ? 0.6 : 0.15)) continue;
        const rag = action.troubled && this.random.chance(0.5) ? 'A' : 'G';
        await this.api.post(owner, `${path}/start`, { rag, note: this.random.pick(words.START_NOTES) });
        action.status = rag;
        continue;
      }
      const good = action.troubled ? 0.45 : 0.75;
      if (due) {
        const completes = action.status === 'G' ? good + 0.15 * progress : action.status === 'A' ? good - 0.25 : good - 0.45;
        if (this.random.chance(Math.max(0.1, completes))) {
          await this.api.post(owner, `${path}/complete`, { note: this.random.pick(words.COMPLETION_NOTES) });
          action.status = 'B';
        } else if (action.revisions < 2 && this.random.chance(0.6)) {
          const targetDate = dayIn(addMonths(today.slice(0, 7), this.random.int(2, 4)), 31);
          await this.api.post(owner, `${path}/target-date`, { targetDate, reason: this.random.pick(words.TARGET_DATE_REASONS) });
          action.targetDate = targetDate;
          action.revisions++;
        } else if (action.status !== 'R' && this.random.chance(0.5)) {
          await this.api.post(owner, `${path}/rag`, { rag: action.status === 'G' ? 'A' : 'R', reason: this.random.pick(action.status === 'G' ? words.TO_AMBER : words.TO_RED) });
          action.status = action.status === 'G' ? 'A' : 'R';
        }
        // Otherwise it stays overdue: an exception for the next pack.
        continue;
      }
      const roll = this.random.next();
      const recover = (action.troubled ? 0.15 : 0.3) + 0.2 * progress;
      const slip = (action.troubled ? 0.15 : 0.05) * (1 - 0.5 * progress);
      if (action.status === 'G' && roll < slip) await this.changeRag(owner, action, 'A', words.TO_AMBER);
      else if (action.status === 'A' && roll < recover) await this.changeRag(owner, action, 'G', words.TO_GREEN);
      else if (action.status === 'A' && roll < recover + slip) await this.changeRag(owner, action, 'R', words.TO_RED);
      else if (action.status === 'R' && roll < recover) await this.changeRag(owner, action, 'A', words.TO_GREEN);
      else if (roll > 0.85) await this.api.post(owner, `${path}/notes`, { text: this.random.pick(words.PROGRESS_NOTES) });
    }
  }

  private async changeRag(owner: Caller, action: DemoAction, rag: string, reasons: readonly string[]): Promise<void> {
    await this.api.post(owner, `/actions/${encodeURIComponent(action.id)}/rag`, { rag, reason: this.random.pick(reasons) });
    action.status = rag;
  }

  /**
   * April 2014: the strategic and safeguarding plans are refreshed (bi-annual, "next version
   * April 2014"): a new version, new dates for the actions still open past theirs, and a new action each.
   */
  private async refreshPlans(): Promise<void> {
    const file = JSON.parse(readFileSync(NORFOLK_PLANS_FILE, 'utf8')) as {
      plans: Array<{ id: string; kind?: string; version?: string; workstreams: Array<{ id: string; actions: Array<Record<string, unknown>> }> }>;
    };
    const state = new Map(this.actions.map((a) => [a.id, a]));
    const refreshed = file.plans.filter((p) => p.id === 'SIP' || p.id === 'SG');
    for (const plan of refreshed) {
      plan.kind = NORFOLK_PLAN_KINDS[plan.id];
      plan.version = plan.id === 'SIP' ? 'Version 1.06 (Refresh April 2014)' : 'Version 1.06 (April 2014)';
      for (const w of plan.workstreams) {
        for (const a of w.actions) {
          const now = state.get(a.id as string);
          // The refreshed file carries the dates the owners revised since, and moves the open, overdue ones to September.
          if (now && now.status !== 'B') {
            const date = now.targetDate !== null && now.targetDate < '2014-04-10' ? '2014-09-30' : now.targetDate;
            if (date !== null) Object.assign(a, { targetDate: date === '2014-09-30' ? 'Sep 2014' : date, targetDateIso: date });
            if (now) now.targetDate = date;
          }
        }
      }
      const first = plan.workstreams[0];
      const id = `${first.id}.R14.1`;
      first.actions.push({ id, ref: 'R14.1', title: 'Embed the refreshed practice standards in supervision (added at the April 2014 refresh)', responsible: [first.actions[0]?.responsible ?? []].flat(), targetDate: 'Dec 2014', targetDateIso: '2014-12-31' });
      this.actions.push({ id, planId: plan.id, owners: [first.actions[0]?.responsible ?? []].flat() as string[], status: 'W', targetDate: '2014-12-31', troubled: false, revisions: 0 });
    }
    await this.api.post(ADMIN, '/import', JSON.stringify({ plans: refreshed }), 'application/json; charset=utf-8');
    this.log('refresh       the strategic and safeguarding plans refreshed to version 1.06 (April 2014)');
  }

  // ---- board meetings ---------------------------------------------------------------------------

  private boardMeetings(month: string, m: number): Step[] {
    const steps: Step[] = [];
    const sittings: Array<[string, string, string]> = [[IMPROVEMENT_BOARD_ID, nthWeekday(month, 4, 3), "Children's Services Improvement Board"]];
    // The Education board meets every other month.
    if (m % 2 === 1) sittings.push([EDUCATION_BOARD_ID, nthWeekday(month, 2, 2), 'Education Improvement Board']);
    for (const [boardId, date, title] of sittings) {
      const papersDueOn = daysAfter(date, -7);
      steps.push({ day: dayIn(month, 1), hour: 10, run: () => this.scheduleMeeting(boardId, date, title) });
      steps.push({ day: papersDueOn, hour: 16, run: () => this.issuePack(boardId, `${boardId}-${date}`) });
      steps.push({ day: date, hour: 14, run: () => this.holdMeeting(boardId, `${boardId}-${date}`, date) });
    }
    return steps;
  }

  private async scheduleMeeting(boardId: string, date: string, title: string): Promise<void> {
    const [y, mm] = date.split('-');
    const monthName = new Date(Date.UTC(Number(y), Number(mm) - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
    await this.api.post(SECRETARY, `/boards/${boardId}/meetings`, { id: `${boardId}-${date}`, date, title: `${title}, ${monthName} ${y}`, papersDueOn: daysAfter(date, -7) });
    this.meetings[boardId].push(`${boardId}-${date}`);
  }

  private async issuePack(boardId: string, meetingId: string): Promise<void> {
    await this.api.post(SECRETARY, `/meetings/${meetingId}/pack`);
    this.issued[boardId].push(meetingId);
  }

  /** At the meeting: responses to the open board actions, some closed, and new ones agreed. */
  private async holdMeeting(boardId: string, meetingId: string, date: string): Promise<void> {
    for (const action of this.openBoardActions.filter((a) => a.boardId === boardId)) {
      if (!action.responded && this.random.chance(0.75)) {
        await this.api.post({ role: 'owner', user: action.owner.toLowerCase(), name: this.people.get(action.owner) ?? action.owner, plans: [] }, `/board-actions/${action.id}/responses`, { text: this.random.pick(words.BOARD_ACTION_RESPONSES) });
        action.responded = true;
      } else if (action.responded && this.random.chance(0.7)) {
        await this.api.post(SECRETARY, `/board-actions/${action.id}/closure`, { reason: this.random.pick(words.BOARD_ACTION_CLOSURES) });
        this.openBoardActions = this.openBoardActions.filter((a) => a !== action);
      }
    }
    const owners = boardId === EDUCATION_BOARD_ID ? ['CS', 'MJE', 'PD', 'DW'] : ['GB', 'CS', 'MJE', 'TC'];
    for (let n = 1, count = this.random.int(1, 3); n <= count; n++) {
      const owner = this.random.pick(owners);
      const dueOn = daysAfter(date, this.random.pick([14, 28, 35]));
      const id = `${meetingId}.${n}`;
      await this.api.post(SECRETARY, `/meetings/${meetingId}/board-actions`, { id, agendaItem: this.random.pick(words.AGENDA_ITEMS), text: this.random.pick(words.BOARD_ACTION_TEXTS), owner, dueOn });
      this.openBoardActions.push({ id, boardId, owner, dueOn, responded: false });
    }
  }

  // ---- the schools register over the months -----------------------------------------------------

  private schoolSteps(month: string, m: number): Step[] {
    const steps: Step[] = [];
    // Inspections: a few schools a month, most of those that required improvement now good.
    steps.push({
      day: dayIn(month, 20),
      hour: 15,
      run: async () => {
        const today = this.clock.now().toISOString().slice(0, 10);
        const candidates = this.random.shuffled(this.schools).slice(0, this.random.int(4, 8));
        for (const school of candidates) {
          const grade = school.grade >= 3 ? (this.random.chance(0.65) ? school.grade - 1 : school.grade) : this.random.chance(0.1) ? 3 : school.grade;
          await this.judge(school, grade, daysAfter(today, -25));
        }
      },
    });
    // Termly: the LA risk analysis revisited, schools now judged good moving out of concern.
    if (['01', '04', '09'].includes(month.slice(5, 7)) && m > 0) {
      steps.push({
        day: dayIn(month, 6),
        hour: 10,
        run: async () => {
          const moves = this.schools
            .filter((s) => (s.grade <= 2 && ['A4', 'B3', 'C3', 'D1-3'].includes(s.category)) || (s.grade === 3 && s.category === 'A4'))
            .map((s) => ({ urn: s.urn, category: s.grade <= 2 ? 'E2' : 'B3', reason: 'Termly review of the LA risk analysis' }));
          if (moves.length === 0) return;
          const day = this.clock.now().toISOString().slice(0, 10);
          await this.api.post(OFFICER, `/schools/categorisations/import?scheme=norfolk&categorisedOn=${day}`, categorisationsCsv(moves), 'text/csv');
          for (const move of moves) (this.schools.find((s) => s.urn === move.urn) as DemoSchool).category = move.category;
        },
      });
    }
    return steps;
  }
}
