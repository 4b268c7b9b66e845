import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { actionStream } from '@rag-ledger/domain';
import { bearer, removeDataDir, startTestApp, tokenFor, type TestApp } from '../support/test-app';

/**
 * Many simultaneous requests on one action, over real sockets (the app listens on
 * a loopback port, and every request is in flight before the first answer).
 */
describe('concurrent commands on one action', () => {
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const owner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
  let t: TestApp;
  let base: string;

  type Answer = { status: number; body: any };
  const post = (path: string, body: object, headers: Record<string, string> = {}, token = admin): Promise<Answer> =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...bearer(token), ...headers },
      body: JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, body: await res.json() }));
  const get = (path: string): Promise<Answer> => fetch(`${base}${path}`, { headers: bearer(admin) }).then(async (res) => ({ status: res.status, body: await res.json() }));

  /** Every event of the action, read straight from the log. */
  const streamOf = (actionId: string) => {
    const db = new BetterSqlite3(join(t.dataDir, 'events.db'), { readonly: true });
    try {
      return db
        .prepare('SELECT revision, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision')
        .all(actionStream(actionId))
        .map((row) => {
          const r = row as { revision: number; type: string; data: string; metadata: string };
          return { revision: r.revision, type: r.type, data: JSON.parse(r.data), metadata: JSON.parse(r.metadata) };
        });
    } finally {
      db.close();
    }
  };

  let n = 0;
  /** A fresh action of plan SIP, started at G (revision 1). */
  async function startedAction(): Promise<string> {
    const id = `C${++n}`;
    expect((await post('/api/plans/SIP/actions', { id, workstreamId: 'SIP.PS', title: `Contended ${id}`, owners: ['AB'] })).status).toBe(201);
    const started = await post(`/api/actions/${id}/start`, { rag: 'G' });
    expect(started).toMatchObject({ status: 200, body: { revision: 1 } });
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    expect((await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic plan' })).status).toBe(201);
    expect((await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' })).status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('50 RAG changes with the same If-Match: exactly one succeeds, 49 get 409 with the current revision', async () => {
    const id = await startedAction();
    const answers = await Promise.all(
      // A and R both differ from the current G, so whichever lands first is a valid change.
      Array.from({ length: 50 }, (_, i) =>
        post(`/api/actions/${id}/rag`, { rag: i % 2 ? 'A' : 'R', reason: `Racer ${i}` }, { 'If-Match': '"1"' }, i % 3 ? owner : admin),
      ),
    );
    const won = answers.filter((a) => a.status === 200);
    const lost = answers.filter((a) => a.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    expect(won[0].body).toMatchObject({ id, revision: 2 });
    for (const answer of lost) {
      expect(answer.body).toMatchObject({ statusCode: 409, error: 'RevisionMismatchError', currentRevision: 2 });
      expect(answer.body.message).toMatch(/you had revision 1, it is now 2/);
    }
    const stream = streamOf(id);
    expect(stream.map((e) => e.type)).toEqual(['ActionAdded', 'ActionStarted', 'ActionRagChanged']);
    const winner = answers.indexOf(won[0]);
    expect(stream[2].data).toMatchObject({ from: 'G', to: winner % 2 ? 'A' : 'R', reason: `Racer ${winner}` });
  });

  it('50 commands without If-Match all succeed, with a gap-free sequence of revisions', async () => {
    // A RAG change to the colour the action already has is refused by a plan rule (422), and
    // under concurrency no choice of colours can guarantee each lands on a different one; so
    // this half uses progress notes, which are valid in any order. Each lost race is decided
    // again on the new state by the executor.
    const id = await startedAction();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(`/api/actions/${id}/notes`, { text: `Note ${i}` }, {}, i % 2 ? owner : admin)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    const revisions = answers.map((a) => a.body.revision).sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(new Set(answers.map((a) => a.body.position)).size).toBe(50);

    const stream = streamOf(id);
    expect(stream.map((e) => e.revision)).toEqual(Array.from({ length: 52 }, (_, i) => i));
    const notes = stream.filter((e) => e.type === 'ActionProgressNoted').map((e) => e.data.text);
    expect(notes.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `Note ${i}`).sort());
    // Each answer names the revision its own note was written at.
    for (const [i, answer] of answers.entries()) expect(stream[answer.body.revision].data.text).toBe(`Note ${i}`);

    // The read side agrees once it has caught up.
    const last = Math.max(...answers.map((a) => a.body.position));
    const view = await get(`/api/actions/${id}?minPosition=${last}`);
    expect(view).toMatchObject({ status: 200, body: { revision: 51 } });
  });

  it.each([
    ['a progress note', 'notes', { text: 'Sent twenty times' }],
    ['a RAG change', 'rag', { rag: 'A', reason: 'Sent twenty times' }],
  ])('the same Idempotency-Key sent 20 times at once writes %s once, and every answer is the first one', async (_label, route, body) => {
    const id = await startedAction();
    const key = `retry-${route}-${id}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(`/api/actions/${id}/${route}`, body, { 'Idempotency-Key': key })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers[0].body).toMatchObject({ id, revision: 2 });

    const stream = streamOf(id);
    expect(stream).toHaveLength(3);
    expect(stream.filter((e) => e.metadata.idempotencyKey === key)).toHaveLength(1);

    // Sent again later, it still writes nothing and answers the same.
    const again = await post(`/api/actions/${id}/${route}`, body, { 'Idempotency-Key': key });
    expect(again).toEqual(answers[0]);
    expect(streamOf(id)).toHaveLength(3);
  });
});
