import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NORFOLK_SCHEME, schemeStream, schoolStream } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import { openReadModelDatabase, SchoolsProjection, SchoolsQueries } from '@rag-ledger/projections';
import { median } from './measure';

const SCHOOLS = 450;
/** Terms of history per school: a categorisation, two visits and, every other term, an Ofsted judgement. */
const TERMS = 6;
const START = Date.parse('2013-09-02T09:00:00.000Z');

/**
 * A county's register (450 schools, six terms of categories, visits and judgements: some
 * 9,900 events) projected into a scratch read model; then the register read as at a day,
 * which folds every stored school event (SchoolsQueries.rowsOn), against the raw operation
 * under it: the same events read out of SQLite and their JSON parsed, with no fold. The ratio
 * says what the fold, the visit schedule and the rows cost on top of reading the events.
 */
export async function benchRegister(workDir: string): Promise<{ events: number; readMs: number; rawMs: number; ratio: number }> {
  const db = openReadModelDatabase(join(workDir, 'register-read-models.db'));
  const projection = new SchoolsProjection();
  projection.setup(db);
  const revisions = new Map<string, number>();
  let position = 0;
  const event = (streamId: string, type: string, data: object, day: number): RecordedEvent => {
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    const at = new Date(START + day * 86_400_000);
    return {
      streamId, revision: BigInt(revision), position: BigInt(++position), id: `e${position}`, type, data,
      metadata: { actor: { id: 'bench', name: 'Bench', role: 'officer' }, at: at.toISOString(), correlationId: 'c', causationId: 'c' }, created: at,
    };
  };
  const isoDay = (day: number) => new Date(START + day * 86_400_000).toISOString().slice(0, 10);
  const codes = NORFOLK_SCHEME.categories.map((c) => c.code);
  const events: RecordedEvent[] = [event(schemeStream('norfolk'), 'CategorySchemeDefined', { ...NORFOLK_SCHEME }, 0)];
  for (let s = 0; s < SCHOOLS; s++) {
    const urn = String(120000 + s);
    const stream = schoolStream(urn);
    events.push(event(stream, 'SchoolRegistered', { urn, name: `School ${s}`, phase: s % 5 === 0 ? 'secondary' : 'primary', type: 'maintained', district: `District ${s % 7}`, pupils: 200 + s }, 0));
    for (let term = 0; term < TERMS; term++) {
      const day = term * 91 + (s % 30);
      const category = codes[(s + term) % codes.length];
      events.push(event(stream, 'SchoolCategorised', { urn, scheme: 'norfolk', category, categorisedOn: isoDay(day), reason: 'Termly review' }, day));
      for (const v of [10, 50]) {
        events.push(event(stream, 'VisitRecorded', { urn, visitId: `v${term * 2 + v / 50}`, visitedOn: isoDay(day + v), officer: 'Officer', purpose: 'Review', notes: 'Progress against the plan', rag: 'GAR'[(s + term) % 3] }, day + v));
      }
      if (term % 2 === 0) events.push(event(stream, 'OfstedJudgementRecorded', { urn, inspectedOn: isoDay(day + 20), publishedOn: isoDay(day + 30), grade: 1 + ((s + term) % 4), ...((s + term) % 4 === 3 ? { category: 'serious-weaknesses' } : {}) }, day + 30));
    }
  }
  db.transaction(() => events.forEach((e) => projection.apply(e)))();

  const queries = new SchoolsQueries(db);
  const raw = db.prepare('SELECT position, urn, type, effective_on, recorded_at, actor, data FROM school_events ORDER BY position');
  const day = isoDay(TERMS * 91 - 45);
  const time = (work: () => number) => {
    const start = performance.now();
    const count = work();
    if (count === 0) throw new Error('the register read found nothing');
    return performance.now() - start;
  };
  const readRegister = () => queries.rowsOn(day).length;
  const readRaw = () => (raw.all() as Array<{ data: string }>).map((row) => JSON.parse(row.data)).length;
  for (let i = 0; i < 3; i++) {
    readRegister();
    readRaw();
  }
  const readMs = median(Array.from({ length: 15 }, () => time(readRegister)));
  const rawMs = median(Array.from({ length: 15 }, () => time(readRaw)));
  db.close();
  return { events: events.length, readMs, rawMs, ratio: readMs / rawMs };
}
