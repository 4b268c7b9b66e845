import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const VERIFY_CLI = join(__dirname, '../../dist/apps/api/src/cli/verify.js');
const STAMP = /^(\d+):([0-9a-f]{64})$/;

/**
 * The end of the log cut off: every pack prints its stamp (`<position>:<hash>`), and
 * `GET /api/audit/verify?expect=` and `npm run verify -- --expect` prove that today's log
 * still holds the stamped event, naming what is missing when it does not.
 */
describe('pack stamps checked against the log', () => {
  const clock = new TestClock();
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const auditor = tokenFor('auditor', { user: 'ofsted', name: 'Ofsted Inspector' });
  const board = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  let t: TestApp;
  let last = 0;

  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).set(bearer(admin)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = Math.max(last, res.body.position);
    return res.body;
  };
  const get = (path: string, token = auditor) => t.http().get(path).set(bearer(token));
  const verifyCli = (...args: string[]) =>
    run(process.execPath, [VERIFY_CLI, ...args], { env: { ...process.env, RAG_LEDGER_DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' } }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  /** The stamp an evidence pack prints, in its HTML and in its CSV (which must agree). */
  const packStamp = async (to: string) => {
    const html = await get(`/api/plans/SIP/evidence?to=${to}&format=html&minPosition=${last}`).expect(200);
    const csv = await get(`/api/plans/SIP/evidence?to=${to}&format=csv`).expect(200);
    const printed = /Stamp: (\d+:[0-9a-f]{64})<br>/.exec(html.text)?.[1];
    expect(printed).toMatch(STAMP);
    expect(html.text).toContain(`npm run verify -- --expect ${printed}`);
    const lastRow = csv.text.trim().split('\r\n').pop()!;
    expect(lastRow.startsWith(`stamp,${printed},`)).toBe(true);
    expect(printed).toBe(`${html.headers['x-log-position']}:${html.headers['x-chain-head']}`);
    return printed as string;
  };

  let november: string;
  let december: string;
  let novemberPosition: number;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    clock.set('2013-11-05T10:00:00.000Z');
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans/SIP/actions', { id: 'A1', ref: '1.1', workstreamId: 'SIP.PS', title: 'Map the journey of the child', owners: ['AB'] });
    await post('/api/plans/SIP/actions', { id: 'A2', ref: '1.2', workstreamId: 'SIP.PS', title: 'Audit S47 strategy meetings', owners: ['AB'] });
    clock.set('2013-11-12T10:00:00.000Z');
    await post('/api/actions/A1/start', {});
    novemberPosition = (await post('/api/actions/A2/start', {})).position;
    clock.set('2013-12-10T10:00:00.000Z');
    await post('/api/actions/A1/rag', { rag: 'R', reason: 'Facilitators not recruited' });
    await post('/api/actions/A1/notes', { text: 'Recruitment reopened' });
    clock.set('2014-01-06T10:00:00.000Z');
    november = await packStamp('2013-11-30');
    december = await packStamp('2013-12-31');
  });
  afterAll(async () => {
    await t?.close();
    removeDataDir(t.dataDir);
  });

  it('prints on every pack the stamp of the log at its end: position and head hash as <position>:<hash>', async () => {
    expect(november).toMatch(new RegExp(`^${novemberPosition}:`));
    expect(december).toMatch(new RegExp(`^${last}:`));
    // The boards a board pack prints from carry the same stamp for the same point.
    const stampOf = (body: { stamp: { position: number; head: string } }) => `${body.stamp.position}:${body.stamp.head}`;
    expect(stampOf((await get('/api/plans/SIP/board?asOf=2013-11-30', board).expect(200)).body)).toBe(november);
    expect(stampOf((await get('/api/plans/SIP/board', board).expect(200)).body)).toBe(december);
    expect(stampOf((await get('/api/board?asOf=2013-11-30', board).expect(200)).body)).toBe(november);
    expect(stampOf((await get('/api/exceptions', board).expect(200)).body)).toBe(december);
  });

  it('refuses an expect that is not <position>:<hash>, naming the parameter', async () => {
    const hash = december.split(':')[1];
    for (const bad of ['42', `0:${hash}`, `x:${hash}`, `42:${hash.slice(1)}`, `42:${hash}00`, `42-${hash}`, '']) {
      const res = await get(`/api/audit/verify?expect=${encodeURIComponent(bad)}`).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(/expect must be <position>:<hash>/);
    }
    await get(`/api/audit/verify?expect=${december}&expect=${november}`).expect(400);
    const cli = await verifyCli('--expect', 'not-a-stamp');
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/--expect must be <position>:<hash>/);
    expect(cli.stderr).toMatch(/usage: npm run verify \[-- --expect <position>:<hash>\]/);
    expect((await verifyCli('--expcet', december)).code).toBe(2);
  });

  it('passes a stamp the log still holds, and fails one it holds with another hash', async () => {
    const ok = (await get(`/api/audit/verify?expect=${december}`).expect(200)).body;
    expect(ok).toMatchObject({ ok: true, checked: last, position: last, stamp: { position: last, hash: december.split(':')[1], holds: true } });
    await get(`/api/audit/verify?expect=${december}`, board).expect(403);
    const cli = await verifyCli('--expect', december);
    expect(cli.code).toBe(0);
    expect(cli.stderr).toContain(`the stamp ${december} holds`);

    const forged = `${novemberPosition}:${'0'.repeat(64)}`;
    const wrong = (await get(`/api/audit/verify?expect=${forged}`).expect(200)).body;
    expect(wrong).toMatchObject({ ok: false, stamp: { holds: false, reason: expect.stringContaining(`the event at position ${novemberPosition} has hash ${november.split(':')[1]}`) } });
    expect((await verifyCli('--expect', forged)).code).toBe(1);
  });

  // Last: it cuts the log (the tests before it read the log beforeAll wrote, and each passes alone).
  it('after the last events are deleted in SQLite, the earlier stamp still holds, the later one names what is missing, and the next append leaves a gap verify names', async () => {
    const raw = new BetterSqlite3(join(t.dataDir, 'events.db'));
    raw.pragma('busy_timeout = 5000');
    expect(raw.prepare('DELETE FROM events WHERE position > ?').run(novemberPosition).changes).toBe(last - novemberPosition);
    raw.close();
    const [, , hash] = STAMP.exec(december)!;
    const missing = `the log ends at position ${novemberPosition}; the stamp names position ${last} with hash ${hash}, so events ${novemberPosition + 1}-${last} are missing`;

    // Without a stamp nothing can tell: the chain that is left is whole.
    expect((await get('/api/audit/verify').expect(200)).body).toMatchObject({ ok: true, position: novemberPosition });
    expect((await get(`/api/audit/verify?expect=${december}`).expect(200)).body).toMatchObject({
      ok: false,
      position: novemberPosition,
      stamp: { position: last, hash, holds: false, reason: missing },
    });
    expect((await get(`/api/audit/verify?expect=${november}`).expect(200)).body).toMatchObject({ ok: true, stamp: { holds: true } });

    const cli = await verifyCli('--expect', december);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`the stamp ${december} does not hold: ${missing}`);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false, stamp: { reason: missing } });
    expect((await verifyCli('--expect', november)).code).toBe(0);

    // Appended to again: SQLite's sequence still remembers the deleted positions, so the
    // next event leaves a gap, which verify names even without a stamp.
    const next = await post('/api/actions/A2/notes', { text: 'Audits under way' });
    expect(next.position).toBeGreaterThan(novemberPosition + 1);
    const gap = `positions run without gaps, so events were deleted`;
    const api = (await get('/api/audit/verify').expect(200)).body;
    expect(api).toMatchObject({ ok: false, broken: { streamId: 'action-A2', position: next.position, reason: expect.stringContaining(gap) } });
    expect(api.broken.reason).toContain(`no event at position ${novemberPosition + 1}-${next.position - 1}`);
    // The read models still name the deleted position for December; its pack says the log has no hash there.
    const pack = await get(`/api/plans/SIP/evidence?to=2013-12-31&format=html&minPosition=${next.position}`).expect(200);
    expect(pack.text).toContain(`Stamp: position ${december.split(':')[0]} (the log holds no chain hash for it: EventStoreDB keeps none, or the event is gone)`);
    expect(pack.headers['x-chain-head']).toBe('');
    const gapCli = await verifyCli();
    expect(gapCli.code).toBe(1);
    expect(gapCli.stderr).toMatch(/the chain is broken at action-A2 revision \d+ \(log position \d+\): the log has no event at position/);
  });
});
