import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from '@rag-ledger/event-store';
import { NORFOLK_PLAN_KINDS, readPlansJson } from '@rag-ledger/import';
import { systemClock } from '../apps/api/src/common/clock';
import { runImport } from '../apps/api/src/import/run-import';
import { median } from './measure';

const SAMPLE = join(__dirname, '../../samples/norfolk-plans-2013.json');

/** Milliseconds to import the Norfolk file (301 actions) into an empty embedded store: read, plan, append. */
export async function benchImport(workDir: string): Promise<{ importMs: number; events: number }> {
  const content = readFileSync(SAMPLE, 'utf8');
  const times: number[] = [];
  let events = 0;
  for (let round = 0; round < 3; round++) {
    const store = new SqliteEventStore({ filename: join(workDir, `import-${randomUUID().slice(0, 8)}.db`) });
    const start = performance.now();
    const file = readPlansJson(content, { kindFor: (id) => NORFOLK_PLAN_KINDS[id] });
    const report = await runImport(store, systemClock, file, {}, { actor: { id: 'bench', name: 'Benchmark', role: 'admin' }, correlationId: randomUUID() });
    times.push(performance.now() - start);
    events = report.events;
    await store.close();
  }
  return { importMs: median(times), events };
}
