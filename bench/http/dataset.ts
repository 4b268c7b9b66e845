import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  actionStream,
  decideAction,
  decidePlan,
  evolveAction,
  evolvePlan,
  initialActionState,
  initialPlanState,
  planStream,
  type ActionCommand,
  type ActionEvent,
  type ActionState,
  type Actor,
  type EventMetadata,
  type PlanCommand,
  type PlanEvent,
  type PlanState,
  type Rag,
} from '@rag-ledger/domain';
import { SqliteEventStore, type EventData } from '@rag-ledger/event-store';
import { NORFOLK_PLAN_KINDS, readPlansJson, type ImportedPlan } from '@rag-ledger/import';

const NORFOLK = join(__dirname, '../../../samples/norfolk-plans-2013.json');
const FIRST_EVENT_AT = Date.parse('2013-10-01T09:00:00.000Z');
const LAST_EVENT_AT = Date.parse('2015-09-30T17:00:00.000Z');

export interface Dataset {
  plans: number;
  actions: number;
  events: number;
  head: number;
  /** The plan with the most actions: the board the benchmark reads. */
  largestPlan: { id: string; actions: number };
  /** Actions in progress and their current colour: the targets of the RAG-change benchmark. */
  inProgress: Array<{ id: string; rag: Rag }>;
  buildSeconds: number;
}

/** A small deterministic generator (mulberry32), so every run builds the same log. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REASONS = [
  'Reviewed at the Improvement Board',
  'Recruitment of qualified social workers is behind plan; agency cover agreed',
  'Audit of 40 case files shows the new standard applied in most teams',
  'Training delayed by the move to the new case management system',
  'Evidence from the quarterly performance report',
];
const NOTES = [
  'Draft journey map shared with the practice standards group',
  'Workshop held with team managers; actions agreed',
  'Data cleansing of the LAC cohort complete for two localities',
  'Awaiting sign-off by the Director of Children’s Services',
];

/**
 * The Norfolk plans (5 plans, 301 actions) copied `copies` times under new ids,
 * and a history for every action decided by the domain itself (start, RAG changes,
 * notes, revised dates, new owners, completions, reopenings, withdrawals) until the
 * log holds about `targetEvents` events. Appended through the event store port,
 * interleaved across streams as real use would, with the metadata the API writes.
 */
export async function buildDataset(dataDir: string, options: { copies: number; targetEvents: number; log?: (line: string) => void }): Promise<Dataset> {
  const started = Date.now();
  const rand = random(8);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const norfolk = readPlansJson(JSON.parse(readFileSync(NORFOLK, 'utf8')), { kindFor: (id) => NORFOLK_PLAN_KINDS[id] }).plans;
  const admin: Actor = { id: 'admin-1', name: 'Plan Administrator', role: 'admin' };

  // Plans and work-streams: one stream per plan.
  const planStreams: Array<{ stream: string; events: PlanEvent[] }> = [];
  const actions: Array<{ id: string; planId: string; owner: Actor; events: ActionEvent[]; state: ActionState }> = [];
  const copyOf = (plan: ImportedPlan, copy: number) => `${plan.id}-${copy + 1}`;
  for (let copy = 0; copy < options.copies; copy++) {
    for (const plan of norfolk) {
      const planId = copyOf(plan, copy);
      let state: PlanState = initialPlanState();
      const events: PlanEvent[] = [];
      const decide = (command: PlanCommand) => {
        const event = decidePlan(command, state);
        state = evolvePlan(state, event);
        events.push(event);
      };
      decide({ type: 'CreatePlan', data: { planId, kind: plan.kind, title: `${plan.title} (copy ${copy + 1})`, board: plan.board, version: plan.version } });
      for (const ws of plan.workstreams) {
        decide({ type: 'AddWorkstream', data: { planId, workstreamId: `${ws.id}-${copy + 1}`, title: ws.title, accountable: ws.accountable, responsible: ws.responsible, projectManager: ws.projectManager, outcome: ws.outcome } });
      }
      planStreams.push({ stream: planStream(planId), events });
      const owner: Actor = { id: `owner-${planId}`, name: `Owner of ${planId}`, role: 'owner' };
      for (const ws of plan.workstreams) {
        for (const a of ws.actions) {
          const id = `${a.id}-${copy + 1}`;
          const command: ActionCommand = {
            type: 'AddAction',
            plan: state,
            data: { actionId: id, planId, workstreamId: `${ws.id}-${copy + 1}`, ref: a.ref, title: a.title, owners: a.owners, enablingTeams: a.enablingTeams, targetDate: a.targetDate, targetDateText: a.targetDateText, measures: a.measures, links: a.links },
          };
          const added = decideAction(command, initialActionState());
          actions.push({ id, planId, owner, events: [added], state: evolveAction(initialActionState(), added) });
        }
      }
    }
  }

  // Histories: each action gets commands until the log reaches the target.
  const planEvents = planStreams.reduce((n, p) => n + p.events.length, 0);
  // About 5% of the actions are never started (one event each); the others share the rest.
  const perAction = Math.max(2, Math.round((options.targetEvents - planEvents - actions.length * 0.05) / (actions.length * 0.95)));
  for (const action of actions) {
    const run = (command: ActionCommand) => {
      try {
        const event = decideAction(command, action.state);
        action.state = evolveAction(action.state, event);
        action.events.push(event);
      } catch {
        // A command the rules refuse (a colour it already has) is simply not recorded.
      }
    };
    const length = perAction + Math.floor(rand() * 5) - 2;
    // About 5% are never started.
    if (rand() < 0.05) continue;
    run({ type: 'StartAction', data: { actionId: action.id, rag: pick(['G', 'G', 'A', 'R'] as Rag[]) } });
    while (action.events.length < length - 1) {
      const state = action.state as Extract<ActionState, { exists: true }>;
      const roll = rand();
      if (state.status === 'B') run({ type: 'ReopenAction', data: { actionId: action.id, rag: pick(['A', 'R'] as Rag[]), reason: pick(REASONS) } });
      else if (roll < 0.5) run({ type: 'ChangeActionRag', data: { actionId: action.id, rag: pick((['G', 'A', 'R'] as Rag[]).filter((c) => c !== state.status)), reason: pick(REASONS) } });
      else if (roll < 0.8) run({ type: 'NoteActionProgress', data: { actionId: action.id, text: pick(NOTES) } });
      else if (roll < 0.9) {
        const month = 1 + Math.floor(rand() * 24);
        const date = new Date(Date.UTC(2014, month, 0)).toISOString().slice(0, 10);
        run({ type: 'ReviseActionTargetDate', data: { actionId: action.id, targetDate: date, reason: pick(REASONS) } });
      } else if (roll < 0.95) run({ type: 'ReassignActionOwners', data: { actionId: action.id, owners: [pick(['AB', 'AH', 'CM', 'JK', 'LT']), pick(['SW', 'TS', 'MF'])], reason: pick(REASONS) } });
      else run({ type: 'CompleteAction', data: { actionId: action.id, note: 'Signed off' } });
    }
    // The last event: about 12% completed, 2% withdrawn, the rest stay in progress.
    const ending = rand();
    if (ending < 0.12) run({ type: 'CompleteAction', data: { actionId: action.id, note: 'Signed off by the board' } });
    else if (ending < 0.14) run({ type: 'WithdrawAction', data: { actionId: action.id, reason: 'Superseded in the next version of the plan' } });
    else if ((action.state as { status: string }).status === 'B') run({ type: 'ReopenAction', data: { actionId: action.id, rag: 'A', reason: pick(REASONS) } });
    else run({ type: 'NoteActionProgress', data: { actionId: action.id, text: pick(NOTES) } });
  }

  const total = planEvents + actions.reduce((n, a) => n + a.events.length, 0);
  options.log?.(`  ${actions.length.toLocaleString('en-GB')} actions in ${planStreams.length} plans, ${total.toLocaleString('en-GB')} events decided; appending...`);

  // Append, interleaving the streams: round after round, the next one to three events of every action.
  const store = new SqliteEventStore({ filename: join(dataDir, 'events.db'), synchronous: 'NORMAL' });
  let written = 0;
  const metadata = (actor: Actor): EventMetadata => ({
    actor,
    at: new Date(FIRST_EVENT_AT + Math.floor(((LAST_EVENT_AT - FIRST_EVENT_AT) * written) / total)).toISOString(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
  });
  const append = async (stream: string, events: Array<PlanEvent | ActionEvent>, actor: Actor, from: number) => {
    const meta = metadata(actor);
    const data: EventData[] = events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata: meta }));
    await store.appendToStream(stream, data, { expectedRevision: from === 0 ? 'no_stream' : BigInt(from - 1) });
    written += events.length;
  };
  for (const plan of planStreams) await append(plan.stream, plan.events, admin, 0);
  const next = new Array<number>(actions.length).fill(0);
  for (let remaining = actions.length; remaining > 0; ) {
    remaining = 0;
    for (const [i, action] of actions.entries()) {
      const from = next[i];
      if (from >= action.events.length) continue;
      const count = Math.min(action.events.length - from, 1 + Math.floor(rand() * 3));
      await append(actionStream(action.id), action.events.slice(from, from + count), from === 0 ? admin : action.owner, from);
      next[i] = from + count;
      if (next[i] < action.events.length) remaining++;
    }
  }
  const head = Number((await store.headPosition()) ?? 0n);
  await store.close();

  const perPlan = new Map<string, number>();
  for (const a of actions) perPlan.set(a.planId, (perPlan.get(a.planId) ?? 0) + 1);
  const [largestId, largestCount] = [...perPlan.entries()].sort((a, b) => b[1] - a[1])[0];
  return {
    plans: planStreams.length,
    actions: actions.length,
    events: total,
    head,
    largestPlan: { id: largestId, actions: largestCount },
    inProgress: actions
      .map((a) => ({ id: a.id, status: (a.state as { status: string }).status }))
      .filter((a): a is { id: string; status: Rag } => a.status === 'G' || a.status === 'A' || a.status === 'R')
      .map((a) => ({ id: a.id, rag: a.status })),
    buildSeconds: (Date.now() - started) / 1000,
  };
}
