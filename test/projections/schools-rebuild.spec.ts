import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NORFOLK_SCHEME, planStream, schemeStream, schoolStream, type EventMetadata } from '@rag-ledger/domain';
import { SqliteEventStore } from '@rag-ledger/event-store';
import { createProjections, openReadModelDatabase, PROJECTED_STREAM_PREFIXES, ProjectionRunner, rebuildReadModels, SchoolsQueries, type ProjectionFailure } from '@rag-ledger/projections';
import { dumpReadModels } from '../support/dump-database';
import { projectLive } from '../support/projected-log';

/**
 * The schools register among the other read models: a log holding a plan and the register's
 * events is projected live and rebuilt from scratch, and the plans' projections leave the
 * register's events alone (none fails on them, the audit trail does not list them).
 */
describe('the schools read model beside the others', () => {
  let dir: string;
  let store: SqliteEventStore;
  let head: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rag-ledger-schools-rebuild-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    const metadata = (minute: number): EventMetadata => ({
      actor: { id: 'jw', name: 'Janet Warburton', role: 'officer' },
      at: new Date(Date.UTC(2013, 10, 1, 9, minute)).toISOString(),
      correlationId: `r-${minute}`,
      causationId: `c-${minute}`,
    });
    await store.appendToStream(planStream('EDU'), { type: 'PlanCreated', data: { planId: 'EDU', kind: 'education', title: 'Education' }, metadata: metadata(0) });
    await store.appendToStream(schemeStream('norfolk'), {
      type: 'CategorySchemeDefined',
      data: { schemeId: 'norfolk', name: NORFOLK_SCHEME.name, kind: 'category', categories: NORFOLK_SCHEME.categories },
      metadata: metadata(1),
    });
    for (const [i, urn] of ['121212', '131313', '141414'].entries()) {
      await store.appendToStream(schoolStream(urn), [
        { type: 'SchoolRegistered', data: { urn, name: `School ${urn}`, phase: i === 2 ? 'secondary' : 'primary', type: 'maintained', openedOn: '1990-09-01' }, metadata: metadata(2 + i) },
        { type: 'SchoolCategorised', data: { urn, scheme: 'norfolk', category: ['A4', 'B3', 'E2'][i], categorisedOn: '2013-09-01', reason: 'Termly review' }, metadata: metadata(5 + i) },
        { type: 'VisitRecorded', data: { urn, visitId: `v-${i}`, visitedOn: '2013-09-20', officer: 'Janet Warburton', purpose: 'Monitoring', notes: '', rag: 'G' }, metadata: metadata(8 + i) },
      ]);
    }
    await store.appendToStream(schoolStream('121212'), { type: 'SchoolCategorised', data: { urn: '121212', scheme: 'norfolk', category: 'B3', previous: 'A4', categorisedOn: '2013-10-01', reason: 'Progress' }, metadata: metadata(20) });
    await store.appendToStream(planStream('EDU'), { type: 'WorkstreamAdded', data: { planId: 'EDU', workstreamId: 'EDU.P1', title: 'Priority 1' }, metadata: metadata(21) });
    head = Number(await store.headPosition());
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects the register live with no projection failing, and the audit trail lists only the plans', async () => {
    const db = openReadModelDatabase(join(dir, 'watched.db'));
    const failures: ProjectionFailure[] = [];
    const runner = new ProjectionRunner(store, db, createProjections(), { streamPrefixes: PROJECTED_STREAM_PREFIXES, onFailure: (failure) => failures.push(failure) });
    await runner.start();
    expect(runner.position).toBe(BigInt(head));
    expect(runner.failures).toEqual([]);
    expect(failures).toEqual([]);
    await runner.stop();
    expect(db.prepare('SELECT type FROM audit_events ORDER BY position').pluck().all()).toEqual(['PlanCreated', 'WorkstreamAdded']);
    expect(db.prepare('SELECT count(*) FROM school_events').pluck().get()).toBe(10);
    expect(new SchoolsQueries(db).schoolsOn('2013-10-01').map((s) => [s.urn, s.categories.norfolk.code])).toEqual([
      ['121212', 'B3'],
      ['131313', 'B3'],
      ['141414', 'E2'],
    ]);
    db.close();
  });

  it('rebuilds from scratch, row for row and index for index, what live projection gives', async () => {
    const live = join(dir, 'live.db');
    await projectLive(store, live, 1);
    const rebuilt = join(dir, 'rebuilt.db');
    expect(await rebuildReadModels({ store, filename: rebuilt, projections: createProjections(), streamPrefixes: PROJECTED_STREAM_PREFIXES })).toBe(head);
    const expected = dumpReadModels(live);
    expect(expected.main.tables.school_events).toHaveLength(10);
    expect(expected.main.tables.category_schemes).toHaveLength(1);
    expect(expected.main.indexes).toContain('school_events_by_urn');
    expect(dumpReadModels(rebuilt)).toEqual(expected);
  });
});
