import { join } from 'node:path';
import { evolveAction, evolvePlan } from '@rag-ledger/domain';
import { SqliteEventStore } from '@rag-ledger/event-store';
import { StreamStates } from '@rag-ledger/write-path';
import { bearer, removeDataDir, startTestApp, tokenFor, type TestApp } from '../support/test-app';

describe('StreamStates (the stream-state cache)', () => {
  it('answers only for the evolve function that folded the state', () => {
    const cache = new StreamStates();
    cache.set('action-A1', evolveAction, 3n, { exists: false });
    expect(cache.get('action-A1', evolveAction)).toEqual({ revision: 3n, state: { exists: false } });
    expect(cache.get('action-A1', evolvePlan)).toBeUndefined();
  });

  it('keeps at most its capacity, evicting the least recently used stream', () => {
    const cache = StreamStates.withCapacity(2);
    cache.set('a', evolveAction, 0n, 'a0');
    cache.set('b', evolveAction, 0n, 'b0');
    cache.get('a', evolveAction); // a is now the most recently used
    cache.set('c', evolveAction, 0n, 'c0');
    expect(cache.size).toBe(2);
    expect(cache.get('b', evolveAction)).toBeUndefined();
    expect(cache.get('a', evolveAction)?.state).toBe('a0');
    expect(cache.get('c', evolveAction)?.state).toBe('c0');
  });
});

describe('commands decided on cached state still see every write to the log', () => {
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  let t: TestApp;
  const post = (path: string, body: object, headers: Record<string, string> = {}) =>
    t.http().post(path).set({ ...bearer(admin), ...headers }).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic plan' }).expect(201);
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' }).expect(201);
    await post('/api/plans/SIP/actions', { id: 'A1', workstreamId: 'SIP.PS', title: 'Map the journey of the child', owners: ['AB'] }).expect(201);
    await post('/api/actions/A1/start', { rag: 'G' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('decides on a change written by another process since the state was cached', async () => {
    // The server has just folded A1 (G, revision 1). Another process (or node) turns it Amber.
    const other = new SqliteEventStore({ filename: join(t.dataDir, 'events.db') });
    const metadata = { actor: { id: 'bo', name: 'Bo Other', role: 'owner' }, at: '2013-11-21T10:00:00.000Z', correlationId: 'c-1', causationId: 'c-1' };
    await other.appendToStream('action-A1', { type: 'ActionRagChanged', data: { actionId: 'A1', from: 'G', to: 'A', reason: 'Changed elsewhere' }, metadata });
    await other.close();

    // The caller saw revision 2 (the other process's change): a stale cache would answer 409.
    const res = await post('/api/actions/A1/rag', { rag: 'R', reason: 'Worse since' }, { 'If-Match': '"2"' }).expect(200);
    expect(res.body).toMatchObject({ id: 'A1', revision: 3 });
    // And the next command is judged on the colour it left: Red to Red is refused as no change.
    const same = await post('/api/actions/A1/rag', { rag: 'R', reason: 'Again' });
    expect(same.status).toBeGreaterThanOrEqual(400);
    expect(same.status).toBeLessThan(500);
    const action = await t.http().get(`/api/actions/A1?minPosition=${res.body.position}`).set(bearer(admin)).expect(200);
    expect(action.body).toMatchObject({ status: 'R', revision: 3 });
  });
});
