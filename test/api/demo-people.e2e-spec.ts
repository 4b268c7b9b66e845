import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { built } from '../support/built-code';
import { readLog } from '../support/read-log';
import { bearer, removeDataDir, startTestApp, tempDataDir, TEST_SECRET, tokenFor, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const DEMO = join(__dirname, '../../dist/apps/api/src/cli/demo.js');

/** `npm run demo` (one month of its history here) loads the Norfolk glossary into the directory, so the demo's owners show names; again, it changes nothing. */
describe('npm run demo: the Norfolk plans and the people of their glossary', () => {
  const dataDir = tempDataDir();
  const env = { ...process.env, RAG_LEDGER_DATA_DIR: dataDir, RAG_LEDGER_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' };
  let t: TestApp;
  let first: string;
  let again: string;

  beforeAll(async () => {
    first = (await run(process.execPath, [built(DEMO), '--months', '1'], { env })).stdout;
    again = (await run(process.execPath, [built(DEMO), '--months', '1'], { env })).stdout;
    t = await startTestApp({ dataDir });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    removeDataDir(dataDir);
  });

  it('imports the 15 people of the glossary through the directory import, once', async () => {
    expect(first).toContain("15 people of the education plan's glossary");
    expect(again).toContain('nothing written');
    const added = (await readLog(dataDir)).filter((e) => e.type === 'PersonAdded');
    expect(added).toHaveLength(15);
    expect(added[0].metadata.actor).toEqual({ id: 'demo-admin', name: 'Demo Admin', role: 'admin' });
    expect(added[0].metadata.demo).toBe(true);
  });

  it('shows the name and job title beside the initials of the education plan\'s owners', async () => {
    const board = await t.http().get('/api/plans/EDU/board').set(bearer(tokenFor('board'))).expect(200);
    const owners = board.body.workstreams.flatMap((w: { actions: Array<{ ownerPeople: Array<{ initials: string; name?: string; jobTitle?: string }> }> }) => w.actions.flatMap((a) => a.ownerPeople));
    expect(owners).toContainEqual({ initials: 'CS', personId: 'cs', name: 'Chris Snudden', jobTitle: 'Head of Education Achievement Service' });
    // Every owner the education plan prints is in its glossary.
    expect(owners.filter((o: { name?: string }) => o.name === undefined)).toEqual([]);
    expect(owners.filter((o: { initials: string }) => o.initials === 'MJE').map((o: { name?: string }) => o.name)).toEqual(Array(8).fill('Mary Jane Edwards'));
    const unmatched = await t.http().get('/api/people/unmatched-owners').set(bearer(tokenFor('admin'))).expect(200);
    const printed = unmatched.body.owners.map((o: { owner: string }) => o.owner);
    expect(printed).not.toContain('CS');
    expect(printed).toEqual(expect.arrayContaining(['AB', 'AH']));
  });
});
