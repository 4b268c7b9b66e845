import { join } from 'node:path';
import type { ActionRagChanged, EventMetadata } from '@rag-ledger/domain';
import { SCHEMA_VERSION, SqliteEventStore, type Upcaster } from '@rag-ledger/event-store';
import { readLog } from '../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * An event written in an old shape, read in the current one everywhere. Made up for the test:
 * version 1 of ActionRagChanged called its reason `comment`; version 2 (today's shape) calls it
 * `reason`. The old event is appended to the log as the old code wrote it (no schemaVersion, so
 * version 1), by a store of its own that knows no upcasters; the server is given the upcaster.
 * Without it, every read below would show no reason at all.
 */
type RagChangedV1 = { actionId: string; planId: string; from: string; to: string; comment: string };
const reasonWasComment: Upcaster<'ActionRagChanged', RagChangedV1, ActionRagChanged['data']> = {
  type: 'ActionRagChanged',
  fromVersion: 1,
  upcast: ({ comment, ...rest }) => ({ ...rest, from: rest.from as 'G', to: rest.to as 'R', reason: comment }),
};

const WHY = 'Three social workers left the assessment team';

describe('an event whose shape changed is read in its current shape, and the log it was stored in still verifies', () => {
  const clock = new TestClock();
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const auditor = tokenFor('auditor', { user: 'ofsted', name: 'Ofsted Inspector' });
  let t: TestApp;
  let oldPosition: number;
  let last: number;

  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).set(bearer(admin)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = res.body.position;
    return res;
  };
  const get = (path: string) => t.http().get(path).set(bearer(auditor)).expect(200);

  beforeAll(async () => {
    t = await startTestApp({ clock, upcasters: [reasonWasComment] });
    clock.set('2013-11-01T09:00:00.000Z');
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans/SIP/actions', { id: 'A1', ref: '1.1', workstreamId: 'SIP.PS', title: 'Map the journey of the child', owners: ['AB'] });
    await post('/api/actions/A1/start', {});

    // Written as the code of version 1 wrote it, beside the running server.
    const oldCode = new SqliteEventStore({ filename: join(t.dataDir, 'events.db') });
    const metadata: EventMetadata = {
      actor: { id: 'ab', name: 'Andrea Brown', role: 'owner' },
      at: '2013-11-20T15:30:00.000Z',
      correlationId: 'old-request',
      causationId: 'old-command',
    };
    const data: RagChangedV1 = { actionId: 'A1', planId: 'SIP', from: 'G', to: 'R', comment: WHY };
    const written = await oldCode.appendToStream('action-A1', { type: 'ActionRagChanged', data, metadata }, { expectedRevision: 1n });
    await oldCode.close();
    oldPosition = Number(written.position);

    // A command decides on the stream folded in today's shape, and its event is stored as version 2.
    clock.set('2014-01-10T09:00:00.000Z');
    await post('/api/actions/A1/rag', { rag: 'A', reason: 'Agency staff in post' });
    await get(`/api/board?minPosition=${last}`);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('keeps the stored event exactly as it was written: version 1, with its old field', async () => {
    const log = await readLog(t.dataDir);
    const old = log.find((e) => Number(e.position) === oldPosition)!;
    expect(old.data).toEqual({ actionId: 'A1', planId: 'SIP', from: 'G', to: 'R', comment: WHY });
    expect(old.metadata).not.toHaveProperty(SCHEMA_VERSION);
    const later = log[log.length - 1];
    expect(later).toMatchObject({ type: 'ActionRagChanged', data: { from: 'R', to: 'A', reason: 'Agency staff in post' } });
    expect(later.metadata).toMatchObject({ [SCHEMA_VERSION]: 2 });
    // Types whose shape never changed are stored as before, with no version.
    expect(log.find((e) => e.type === 'ActionStarted')!.metadata).not.toHaveProperty(SCHEMA_VERSION);
  });

  it("answers the action's history in the current shape", async () => {
    const history = (await get('/api/actions/A1/history')).body as Array<{ position: number; data: object; reason: string | null }>;
    const entry = history.find((e) => e.position === oldPosition)!;
    expect(entry.data).toEqual({ actionId: 'A1', planId: 'SIP', from: 'G', to: 'R', reason: WHY });
    expect(entry.reason).toBe(WHY);
  });

  it('projects it in the current shape: the audit trail and the board rows, current and as of a date', async () => {
    const audit = (await get('/api/audit?actionId=A1&type=ActionRagChanged')).body.items as Array<{ position: number; reason: string | null }>;
    expect(audit.map((e) => [e.position, e.reason])).toEqual([
      [oldPosition, WHY],
      [last, 'Agency staff in post'],
    ]);
    const asOf = (await get('/api/actions/A1?asOf=2013-12-01')).body;
    expect(asOf).toMatchObject({ status: 'R', lastReason: WHY, lastChange: 'ActionRagChanged' });
    const exceptions = (await get('/api/exceptions?asOf=2013-12-01')).body;
    expect(JSON.stringify(exceptions)).toContain(WHY);
    const changes = (await get('/api/plans/SIP/changes?from=2013-11-15&to=2013-12-12')).body;
    expect(changes.actions[0].changes).toEqual([expect.objectContaining({ type: 'ActionRagChanged', from: 'G', to: 'R', reason: WHY })]);
  });

  it('prints it in the evidence pack in the current shape', async () => {
    const csv = (await get('/api/plans/SIP/evidence?format=csv')).text;
    expect(csv).toContain(`2013-11-20T15:30:00.000Z,Andrea Brown,owner,1.1,Map the journey of the child,"RAG G (On track) -> R (Off track, needs attention)",${WHY}`);
    const html = (await get('/api/plans/SIP/evidence?from=2013-11-15&to=2013-12-12&format=html')).text;
    expect(html).toContain(WHY);
  });

  it('verifies the hash chain over what was stored', async () => {
    const log = await readLog(t.dataDir);
    expect((await get('/api/audit/verify')).body).toMatchObject({ ok: true, checked: log.length, position: last });
  });
});
