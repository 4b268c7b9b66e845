import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { built } from '../support/built-code';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const CLI = (name: string) => join(__dirname, `../../dist/apps/api/src/cli/${name}.js`);

/**
 * Changes recorded at controlled times, then read back as an auditor would: the
 * board as it stood at each meeting, what moved between meetings, the hash chain,
 * and evidence packs.
 */
describe("the auditor's evidence", () => {
  const clock = new TestClock();
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const owner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
  const board = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const auditor = tokenFor('auditor', { user: 'ofsted', name: 'Ofsted Inspector' });
  let t: TestApp;
  let last = 0;
  /** What the current boards answered at a moment, to compare with the as-of answers later. */
  const seenAt = new Map<string, Record<string, unknown>>();

  const at = (iso: string) => clock.set(iso);
  const post = async (path: string, body: object, token = owner) => {
    const res = await t.http().post(path).set(bearer(token)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = Math.max(last, res.body.position);
    return res;
  };
  const get = (path: string, token = auditor) => t.http().get(path).set(bearer(token));
  const sep = (path: string) => (path.includes('?') ? '&' : '?');
  const snapshot = async (instant: string) => {
    at(instant);
    const paths = ['/api/board', '/api/plans/SIP/board', '/api/exceptions', '/api/actions/A1'];
    for (const path of paths) seenAt.set(`${instant} ${path}`, (await get(`${path}${sep(path)}minPosition=${last}`).expect(200)).body);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    at('2013-11-01T09:00:00.000Z');
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan', version: '1.05' }, admin);
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' }, admin);
    await post('/api/plans/SIP/actions', { id: 'A1', ref: '1.1', workstreamId: 'SIP.PS', title: 'Map the journey of the child', owners: ['AB', 'AH'], targetDate: '2013-12-31' });
    await post('/api/plans/SIP/actions', { id: 'A2', ref: '1.2', workstreamId: 'SIP.PS', title: 'Audit S47 strategy meetings', owners: ['AB'], targetDate: '2013-11-30' });
    await post('/api/plans/SIP/actions', { id: 'A3', ref: '1.3', workstreamId: 'SIP.PS', title: '=HYPERLINK("http://evil")', owners: ['CM'] });
    at('2013-11-10T10:00:00.000Z');
    await post('/api/actions/A1/start', {});
    await post('/api/actions/A2/start', {});
    await snapshot('2013-11-14T12:00:00.000Z'); // the November board meeting
    at('2013-11-20T15:30:00.000Z');
    await post('/api/actions/A1/rag', { rag: 'R', reason: 'Recruitment of mapping facilitators failed' });
    await post('/api/actions/A2/rag', { rag: 'A', reason: '+ two teams behind' });
    await post('/api/actions/A3/start', { note: '@chair please note' });
    at('2013-12-05T11:00:00.000Z');
    await post('/api/actions/A2/complete', { note: '-all audits done' });
    await post('/api/actions/A1/target-date', { targetDate: '2014-03-31', reason: 'Agreed by the board' });
    await post('/api/actions/A1/owners', { owners: ['AB', 'CM'], reason: 'AH left the authority' });
    await snapshot('2013-12-12T12:00:00.000Z'); // the December board meeting
    at('2014-01-10T09:00:00.000Z');
    await post('/api/actions/A1/rag', { rag: 'A', reason: 'Facilitators appointed' });
    await get(`/api/board?minPosition=${last}`).expect(200);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  describe('time travel', () => {
    it.each(['2013-11-14T12:00:00.000Z', '2013-12-12T12:00:00.000Z'])(
      'answers ?asOf=%s exactly as the same calls answered at that instant',
      async (instant) => {
        for (const path of ['/api/board', '/api/plans/SIP/board', '/api/exceptions', '/api/actions/A1']) {
          const res = await get(`${path}${sep(path)}asOf=${instant}`).expect(200);
          expect(res.body).toEqual(seenAt.get(`${instant} ${path}`));
        }
      },
    );

    it('shows each meeting its own colours, dates and owners', async () => {
      const nov = (await get('/api/plans/SIP/board?asOf=2013-11-14').expect(200)).body;
      expect(nov.counts).toEqual({ W: 1, G: 2, A: 0, R: 0, B: 0 });
      const dec = (await get('/api/actions/A1?asOf=2013-12-12').expect(200)).body;
      expect(dec).toMatchObject({ status: 'R', targetDate: '2014-03-31', owners: ['AB', 'CM'], revision: 4 });
      const now = (await get('/api/actions/A1').expect(200)).body;
      expect(now).toMatchObject({ status: 'A', revision: 5 });
    });

    it('judges overdue at the as-of date', async () => {
      const before = (await get('/api/exceptions?planId=SIP&asOf=2013-11-30').expect(200)).body.actions;
      expect(before.map((a: { id: string; status: string; overdue: boolean }) => [a.id, a.status, a.overdue])).toEqual([['A1', 'R', false], ['A2', 'A', false]]);
      const after = (await get('/api/exceptions?planId=SIP&asOf=2013-12-01').expect(200)).body.actions;
      expect(after.map((a: { id: string; status: string; overdue: boolean }) => [a.id, a.status, a.overdue])).toEqual([['A1', 'R', false], ['A2', 'A', true]]);
    });

    it('knows nothing that did not exist yet', async () => {
      await get('/api/plans/SIP/board?asOf=2013-10-31').expect(404);
      await get('/api/actions/A1?asOf=2013-10-31').expect(404);
      expect((await get('/api/board?asOf=2013-10-31').expect(200)).body.plans).toEqual([]);
    });

    it('is for the board, auditors and admins; owners see the current board only', async () => {
      await get('/api/board?asOf=2013-11-14', owner).expect(403);
      await get('/api/plans/SIP/board?asOf=2013-11-14', board).expect(200);
      await get('/api/board?asOf=last-week', board).expect(400);
    });
  });

  describe('changes between meetings', () => {
    it('lists what moved between the November and December meetings, worst first, with before, after, who, when and why', async () => {
      const res = await get('/api/plans/SIP/changes?from=2013-11-15&to=2013-12-12', board).expect(200);
      expect(res.body.actions.map((a: { actionId: string }) => a.actionId)).toEqual(['A1', 'A3', 'A2']);
      const [a1, a3, a2] = res.body.actions;
      expect(a1).toMatchObject({
        ref: '1.1',
        before: { status: 'G', targetDate: '2013-12-31', owners: ['AB', 'AH'] },
        after: { status: 'R', targetDate: '2014-03-31', owners: ['AB', 'CM'] },
      });
      expect(a1.changes).toEqual([
        { type: 'ActionRagChanged', at: '2013-11-20T15:30:00.000Z', actor: { id: 'ab', name: 'Andrea Brown', role: 'owner' }, from: 'G', to: 'R', reason: 'Recruitment of mapping facilitators failed' },
        { type: 'ActionTargetDateRevised', at: '2013-12-05T11:00:00.000Z', actor: { id: 'ab', name: 'Andrea Brown', role: 'owner' }, from: '2013-12-31', to: '2014-03-31', reason: 'Agreed by the board' },
        { type: 'ActionOwnersReassigned', at: '2013-12-05T11:00:00.000Z', actor: { id: 'ab', name: 'Andrea Brown', role: 'owner' }, from: ['AB', 'AH'], to: ['AB', 'CM'], reason: 'AH left the authority' },
      ]);
      expect(a3).toMatchObject({ before: { status: 'W' }, after: { status: 'G' } });
      expect(a2).toMatchObject({ before: { status: 'G' }, after: { status: 'B' } });
      const later = await get('/api/plans/SIP/changes?from=2013-12-13', board).expect(200);
      expect(later.body.actions.map((a: { actionId: string }) => a.actionId)).toEqual(['A1']);
      await get('/api/plans/SIP/changes?from=2013-12-13', owner).expect(403);
      await get('/api/plans/SIP/changes?from=2014-01-01&to=2013-01-01', board).expect(400);
    });
  });

  describe('evidence packs', () => {
    it('exports CSV for Excel with formula-looking cells made harmless', async () => {
      const res = await get('/api/plans/SIP/evidence?format=csv').expect(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe('time,actor,role,action ref,action title,change,reason');
      expect(lines).toContain('2013-11-20T15:30:00.000Z,Andrea Brown,owner,1.1,Map the journey of the child,"RAG G (On track) -> R (Off track, needs attention)",Recruitment of mapping facilitators failed');
      expect(res.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
      expect(res.text).toContain("'+ two teams behind");
      expect(res.text).toContain("'@chair please note");
      expect(res.text).toContain("'-all audits done");
      expect(res.text).not.toMatch(/(^|,)[=+@-][^,]*/m);
    });

    it('gives byte-identical packs for the same period, apart from the generation time', async () => {
      const path = '/api/plans/SIP/evidence?from=2013-11-15&to=2013-12-12';
      at('2014-02-01T10:00:00.000Z');
      const first = await get(`${path}&format=html`).expect(200);
      const firstCsv = await get(`${path}&format=csv`).expect(200);
      at('2014-06-01T16:45:00.000Z');
      const second = await get(`${path}&format=html`).expect(200);
      const secondCsv = await get(`${path}&format=csv`).expect(200);
      const withoutGenerated = (html: string) => html.replace(/Generated: [^<]*/, 'Generated: -');
      expect(first.text).not.toBe(second.text);
      expect(withoutGenerated(first.text)).toBe(withoutGenerated(second.text));
      expect(firstCsv.text).toBe(secondCsv.text);
      expect(first.headers['x-log-position']).toBe(second.headers['x-log-position']);
      expect(first.headers['x-chain-head']).toMatch(/^[0-9a-f]{64}$/);
    });

    it('prints the board as at the end date, the changes and the stamp, with every text escaped', async () => {
      const res = await get('/api/plans/SIP/evidence?from=2013-11-15&to=2013-12-12&format=html').expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      expect(res.text).toContain('The board as at 2013-12-12T23:59:59.999Z');
      expect(res.text).toMatch(/Log position: \d+<br>Hash-chain head at that position: [0-9a-f]{64}/);
      expect(res.text).toContain('=HYPERLINK(&quot;http://evil&quot;)');
      expect(res.text).not.toContain('"http://evil"');
      expect(res.text).toContain('Recruitment of mapping facilitators failed');
      expect(res.text).not.toContain('Facilitators appointed'); // after the period
    });

    it('is for auditors and admins', async () => {
      await get('/api/plans/SIP/evidence', board).expect(403);
      await get('/api/plans/SIP/evidence', owner).expect(403);
      await get('/api/plans/SIP/evidence?format=pdf').expect(400);
      await get('/api/plans/NOPE/evidence').expect(404);
    });
  });

  describe('replay from the terminal', () => {
    it('prints the plan board as at a date, replayed from the log', async () => {
      const { stdout } = await run(process.execPath, [built(CLI('replay')), '--plan', 'SIP', '--until', '2013-11-14'], { env: { ...process.env, RAG_LEDGER_DATA_DIR: t.dataDir } });
      expect(stdout).toMatch(/as at 2013-11-14T23:59:59.999Z, replayed from 7 events/);
      expect(stdout).toMatch(/W 1 {2}G 2 {2}A 0 {2}R 0 {2}B 0/);
      expect(stdout).toMatch(/1\.1\s+G On track/);
    });
  });

  describe('tamper evidence', () => {
    it('verifies the chain, then names the event that was edited in SQLite', async () => {
      const ok = (await get('/api/audit/verify').expect(200)).body;
      expect(ok).toMatchObject({ ok: true, checked: last, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
      await get('/api/audit/verify', board).expect(403);
      await get('/api/audit/verify', admin).expect(200);

      const raw = new BetterSqlite3(join(t.dataDir, 'events.db'));
      raw.prepare("UPDATE events SET data = json_set(data, '$.reason', 'It was always green') WHERE stream_id = 'action-A1' AND type = 'ActionRagChanged' AND revision = 2").run();
      raw.close();

      const broken = (await get('/api/audit/verify').expect(200)).body;
      expect(broken).toMatchObject({ ok: false, broken: { streamId: 'action-A1', revision: 2, reason: expect.stringMatching(/edited/) } });
      const cli = await run(process.execPath, [built(CLI('verify'))], { env: { ...process.env, RAG_LEDGER_DATA_DIR: t.dataDir } }).catch((e) => e);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toMatch(/broken at action-A1 revision 2/);
    });
  });
});
