import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Actor } from '@rag-ledger/domain';
import { built } from '../support/built-code';
import { evidenceInPlace } from '../support/evidence-in-place';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const VERIFY_CLI = join(__dirname, '../../dist/apps/api/src/cli/verify.js');
const sha256Of = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * The SHA-256 of every evidence file is in its EvidenceAttached event, which the hash chain
 * covers; `npm run verify` and `GET /api/audit/verify` also read every stored file against it
 * and name the first one (in log order) that is missing or changed.
 */
describe('verify checks every stored evidence file', () => {
  const clock = new TestClock();
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const auditor = tokenFor('auditor', { user: 'ofsted', name: 'Ofsted Inspector' });
  const owner: Actor = { id: 'ab', name: 'Andrea Brown', role: 'owner' };
  const ada: Actor = { id: 'ada', name: 'Ada Admin', role: 'admin' };
  let t: TestApp;
  let evidence: ReturnType<typeof evidenceInPlace>;
  let minutes: Awaited<ReturnType<ReturnType<typeof evidenceInPlace>['attach']>>;
  let audit: typeof minutes;
  const minutesBytes = 'Minutes of the Improvement Board, 14 November 2013\nThe board was re-established.\n';
  const auditBytes = 'Audit of S47 strategy meetings: 40 cases read, 31 good.\n';

  const verifyApi = async () => (await t.http().get('/api/audit/verify').set(bearer(auditor)).expect(200)).body;
  const verifyCli = () =>
    run(process.execPath, [built(VERIFY_CLI)], { env: { ...process.env, RAG_LEDGER_DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' } }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).set(bearer(admin)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    evidence = evidenceInPlace(t);
    clock.set('2013-11-05T10:00:00.000Z');
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans/SIP/actions', { id: 'A1', ref: '1.1', workstreamId: 'SIP.PS', title: 'Re-establish the Improvement Board', owners: ['AB'] });
    const subject = { kind: 'action' as const, actionId: 'A1' };
    minutes = await evidence.attach({ actor: owner, planId: 'SIP', subject, fileName: 'Board minutes 2013-11.txt', bytes: minutesBytes, description: 'Minutes' });
    audit = await evidence.attach({ actor: owner, planId: 'SIP', subject, fileName: 'S47 audit.txt', bytes: auditBytes });
    // Two documents with the same bytes (one copy in the store): erasing one erases the file of both.
    const shared = 'A child named in full: safeguarding case notes.\n';
    const first = await evidence.attach({ actor: owner, planId: 'SIP', subject, fileName: 'case notes.txt', bytes: shared });
    await evidence.attach({ actor: owner, planId: 'SIP', subject, fileName: 'case notes (copy).txt', bytes: shared });
    await evidence.erase(ada, first.documentId, first.sha256, 'Names a child: data-protection case DP-2013-114');
    // A document withdrawn keeps its bytes, and they are checked.
    const withdrawn = await evidence.attach({ actor: owner, planId: 'SIP', subject, fileName: 'draft procedure.txt', bytes: 'Draft procedure, superseded.\n' });
    await evidence.withdraw(owner, withdrawn.documentId, 'Superseded by the revised procedure');
    expect(existsSync(first.path)).toBe(false);
  });
  afterAll(async () => {
    await t?.close();
    removeDataDir(t.dataDir);
  });

  it('passes when every file held has the bytes its event recorded; erased files are not looked for', async () => {
    const api = await verifyApi();
    expect(api).toMatchObject({ ok: true, documents: { checked: 3, ok: true, firstProblem: null } });
    const cli = await verifyCli();
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, documents: { checked: 3, ok: true, firstProblem: null } });
    expect(cli.stderr).toContain('3 evidence file(s) checked');
  });

  it('names a file whose bytes were changed, by the API and the command line', async () => {
    const changed = Buffer.from(auditBytes);
    changed[10] ^= 0x20;
    chmodSync(audit.path, 0o644);
    writeFileSync(audit.path, changed);
    try {
      const firstProblem = {
        documentId: audit.documentId,
        fileName: 'S47 audit.txt',
        sha256: audit.sha256,
        position: audit.position,
        problem: 'changed',
        actual: sha256Of(changed),
      };
      const api = await verifyApi();
      // The chain is whole (the log was not touched); the record as a whole is not.
      expect(api).toMatchObject({ ok: false, head: expect.stringMatching(/^[0-9a-f]{64}$/), documents: { ok: false, checked: 1, firstProblem } });
      expect(api.documents.firstProblem.reason).toBe(
        `the evidence file "S47 audit.txt" (document ${audit.documentId}, attached at log position ${audit.position}) has changed in the document store: its bytes now hash to ${sha256Of(changed)}, not ${audit.sha256} as the log recorded`,
      );
      const cli = await verifyCli();
      expect(cli.code).toBe(1);
      expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false, documents: { firstProblem } });
      expect(cli.stderr).toContain(api.documents.firstProblem.reason);
    } finally {
      writeFileSync(audit.path, auditBytes);
    }
    expect((await verifyApi()).ok).toBe(true);
  });

  it('names a file that is missing, and of two problems the first in log order', async () => {
    const original = readFileSync(minutes.path);
    const changed = Buffer.from(auditBytes.toUpperCase());
    writeFileSync(audit.path, changed);
    unlinkSync(minutes.path);
    try {
      const firstProblem = { documentId: minutes.documentId, fileName: 'Board minutes 2013-11.txt', sha256: minutes.sha256, position: minutes.position, problem: 'missing' };
      const api = await verifyApi();
      expect(api).toMatchObject({ ok: false, documents: { ok: false, checked: 0, firstProblem } });
      expect(api.documents.firstProblem).not.toHaveProperty('actual');
      expect(api.documents.firstProblem.reason).toContain(`"Board minutes 2013-11.txt" (document ${minutes.documentId}, attached at log position ${minutes.position}) is missing from the document store`);
      const cli = await verifyCli();
      expect(cli.code).toBe(1);
      expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false, documents: { firstProblem } });
      expect(cli.stderr).toContain(api.documents.firstProblem.reason);
    } finally {
      writeFileSync(minutes.path, original);
      writeFileSync(audit.path, auditBytes);
    }
    expect(await verifyApi()).toMatchObject({ ok: true, documents: { checked: 3 } });
  });
});
