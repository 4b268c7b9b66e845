import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { actionStream, planStream } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import { openReadModelDatabase, RagBoardProjection, RagBoardQueries, type PointInTime } from '@rag-ledger/projections';
import { median } from './measure';

const ACTIONS = 1000;
const EVENTS = 100_000;
const START = Date.parse('2013-10-01T09:00:00.000Z');
const STEP_MS = 5 * 60_000;

/**
 * One plan with 1,000 actions and 100,000 events (each action added, started, then
 * moved between G, A and R or noted, over about a year), projected into a scratch
 * read model; then the plan board read now and as it stood half-way through.
 */
export async function benchAsOf(workDir: string): Promise<{ currentMs: number; asOfMs: number; ratio: number }> {
  const db = openReadModelDatabase(join(workDir, 'asof-read-models.db'));
  const projection = new RagBoardProjection();
  projection.setup(db);
  const revisions = new Array<number>(ACTIONS).fill(-1);
  const colours = ['G', 'A', 'R'];
  const event = (n: number, type: string, data: object, actionIndex: number): RecordedEvent => ({
    streamId: actionIndex < 0 ? planStream('BENCH') : actionStream(`BENCH.${actionIndex}`),
    revision: BigInt(actionIndex < 0 ? n : ++revisions[actionIndex]),
    position: BigInt(n + 1),
    id: `e${n}`,
    type,
    data,
    metadata: { actor: { id: 'bench', name: 'Bench', role: 'owner' }, at: new Date(START + n * STEP_MS).toISOString(), correlationId: 'c', causationId: 'c' },
    created: new Date(START + n * STEP_MS),
  });
  const apply = db.transaction((events: RecordedEvent[]) => events.forEach((e) => projection.apply(e)));
  const batch: RecordedEvent[] = [
    event(0, 'PlanCreated', { planId: 'BENCH', kind: 'strategic', title: 'Benchmark plan' }, -1),
    event(1, 'WorkstreamAdded', { planId: 'BENCH', workstreamId: 'WS', title: 'Work-stream' }, -1),
  ];
  for (let n = 2; n < EVENTS; n++) {
    const i = n % ACTIONS;
    const actionId = `BENCH.${i}`;
    const base = { actionId, planId: 'BENCH' };
    const step = revisions[i] + 1;
    if (step === 0) batch.push(event(n, 'ActionAdded', { ...base, workstreamId: 'WS', title: `Action ${i}`, owners: ['AB'], enablingTeams: [], links: [], targetDate: '2014-03-31' }, i));
    else if (step === 1) batch.push(event(n, 'ActionStarted', { ...base, rag: 'G' }, i));
    else if (step % 3 === 0) batch.push(event(n, 'ActionProgressNoted', { ...base, text: 'Progress' }, i));
    else batch.push(event(n, 'ActionRagChanged', { ...base, from: colours[step % 3], to: colours[(step + 1) % 3], reason: 'Review' }, i));
    if (batch.length === 5000) apply(batch.splice(0));
  }
  apply(batch);

  const queries = new RagBoardQueries(db);
  const current: PointInTime = { day: '2014-10-01' };
  const halfway: PointInTime = { asOf: new Date(START + (EVENTS / 2) * STEP_MS).toISOString(), day: '2014-04-01' };
  const time = (when: PointInTime) => {
    const start = performance.now();
    const board = queries.planBoard('BENCH', when);
    if (board?.total !== ACTIONS) throw new Error(`the board had ${board?.total} actions`);
    return performance.now() - start;
  };
  const currentTimes: number[] = [];
  const asOfTimes: number[] = [];
  for (let round = 0; round < 30; round++) {
    currentTimes.push(time(current));
    asOfTimes.push(time(halfway));
  }
  db.close();
  const currentMs = median(currentTimes);
  const asOfMs = median(asOfTimes);
  return { currentMs, asOfMs, ratio: asOfMs / currentMs };
}
