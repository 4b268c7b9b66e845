import { readFileSync } from 'node:fs';
import { DIRECTORY_ID, directoryStream } from '@rag-ledger/domain';
import { NORFOLK_GLOSSARY_FILE } from '../support/norfolk';
import { readLog, type LoggedEvent } from '../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * The directory of people through the API: every route, who may call it, the events each
 * change appends (with actor, time and reason), the directory as of a past date, imports of a
 * CSV and of the glossary the plans print, owners linked to people, and "my actions".
 */
describe('the directory of people API', () => {
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const auditor = tokenFor('auditor', { user: 'audrey', name: 'Audrey Auditor' });
  const board = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const owner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
  let t: TestApp;
  let last = 0;

  const track = <T extends { body: { position?: number } }>(res: T): T => {
    if (typeof res.body.position === 'number') last = Math.max(last, res.body.position);
    return res;
  };
  const post = async (path: string, body: object, token = admin) => track(await t.http().post(path).set(bearer(token)).send(body));
  const patch = async (path: string, body: object, token = admin) => track(await t.http().patch(path).set(bearer(token)).send(body));
  const get = (path: string, token = admin) => t.http().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`).set(bearer(token));
  const directoryEvents = async (): Promise<LoggedEvent[]> => (await readLog(t.dataDir)).filter((e) => e.streamId === directoryStream(DIRECTORY_ID));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' }).then((r) => expect(r.status).toBe(201));
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans', { id: 'EDU', kind: 'education', title: 'Education Post Ofsted Action Plan' });
    await post('/api/plans/EDU/workstreams', { id: 'EDU.P1', title: 'Priority 1' });
    const action = (planId: string, workstreamId: string, id: string, owners: string[], targetDate?: string) =>
      post(`/api/plans/${planId}/actions`, { id, ref: id.split('.').slice(2).join('.'), workstreamId, title: `Action ${id}`, owners, ...(targetDate ? { targetDate } : {}) });
    await action('EDU', 'EDU.P1', 'EDU.P1.1', ['CS'], '2013-10-31');
    await action('EDU', 'EDU.P1', 'EDU.P1.2', ['MJE', 'CS'], '2013-12-15');
    await action('EDU', 'EDU.P1', 'EDU.P1.3', ['CS'], '2014-06-30');
    await action('SIP', 'SIP.PS', 'SIP.PS.1.1', ['AB', '\u0421S'], '2013-11-30');
    await action('SIP', 'SIP.PS', 'SIP.PS.1.2', ['CS', 'ZZ'], '2013-09-30');
    await action('SIP', 'SIP.PS', 'SIP.PS.1.3', ['CS']);
    await action('SIP', 'SIP.PS', 'SIP.PS.1.4', ['ZZ'], '2013-12-01');
    await post('/api/actions/SIP.PS.1.2/complete', {});
    await post('/api/actions/SIP.PS.1.4/withdraw', { reason: 'Merged into 1.1' });
    await post('/api/actions/EDU.P1.2/start', { rag: 'A' });
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  describe('adding and revising people', () => {
    it('adds a person with an id from their initials, and records PersonAdded with who added them', async () => {
      const res = await post('/api/people', { name: 'Chris Snudden', initials: 'CS', jobTitle: 'Head of Education Achievement Service', email: 'Chris.Snudden@norfolk.gov.uk' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: 'cs', revision: 0, position: expect.any(Number) });
      const [added] = await directoryEvents();
      expect(added).toMatchObject({
        type: 'PersonAdded',
        data: { personId: 'cs', name: 'Chris Snudden', initials: 'CS', jobTitle: 'Head of Education Achievement Service', email: 'chris.snudden@norfolk.gov.uk' },
        metadata: { actor: { id: 'ada', name: 'Ada Admin', role: 'admin' }, at: '2013-11-21T09:00:00.000Z' },
      });
    });

    it('takes the id given, folds Cyrillic initials, and refuses initials already somebody\'s (409) or a bad body (400)', async () => {
      expect((await post('/api/people', { id: 'mary', name: 'Mary Jane Edwards', initials: 'MJ\u0415' })).body).toMatchObject({ id: 'mary' });
      expect((await directoryEvents()).at(-1)?.data).toEqual({ personId: 'mary', name: 'Mary Jane Edwards', initials: 'MJE' });
      const before = (await directoryEvents()).length;
      const taken = await post('/api/people', { name: 'Carol Smith', initials: '\u0421S' });
      expect(taken.status).toBe(409);
      expect(taken.body.message).toMatch(/already stand for Chris Snudden/);
      expect((await post('/api/people', { name: 'Carol Smith', initials: 'CSm', colour: 'red' })).status).toBe(400);
      expect((await post('/api/people', { name: 'Carol Smith', initials: 'cs m' })).status).toBe(400);
      expect((await post('/api/people', { name: 'Carol Smith', initials: 'csm' })).status).toBe(422);
      expect((await directoryEvents()).length).toBe(before);
    });

    it('answers the same id to a repeat with the same Idempotency-Key, and writes nothing twice', async () => {
      const send = () => t.http().post('/api/people').set(bearer(admin)).set('Idempotency-Key', 'add-pd-1').send({ name: 'Paul Dunning', initials: 'PD' });
      const first = track(await send());
      const again = await send();
      expect(first.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(first.body.id).toBe('pd');
      expect((await directoryEvents()).filter((e) => e.type === 'PersonAdded' && e.data.personId === 'pd')).toHaveLength(1);
    });

    it('revises details with a reason, recording only what changed', async () => {
      const res = await patch('/api/people/pd', { jobTitle: 'Head of Education Partnership Service', name: 'Paul Dunning', reason: 'Title from the glossary' });
      expect(res.status).toBe(200);
      expect((await directoryEvents()).at(-1)).toMatchObject({
        type: 'PersonDetailsRevised',
        data: { personId: 'pd', changes: { jobTitle: 'Head of Education Partnership Service' }, reason: 'Title from the glossary' },
      });
      expect((await patch('/api/people/pd', { jobTitle: 'x' })).status).toBe(400);
      expect((await patch('/api/people/nobody', { jobTitle: 'x', reason: 'r' })).status).toBe(404);
      expect((await patch('/api/people/pd', { name: 'Paul Dunning', reason: 'r' })).status).toBe(422);
    });

    it('is for admins: an owner, a board member and an auditor may not change it (403), and nothing is written', async () => {
      const before = (await directoryEvents()).length;
      for (const token of [owner, board, auditor]) {
        expect((await post('/api/people', { name: 'Someone Else', initials: 'SE' }, token)).status).toBe(403);
        expect((await post('/api/people/cs/grants', { role: 'board', reason: 'r' }, token)).status).toBe(403);
        expect((await post('/api/people/cs/deactivation', { reason: 'r' }, token)).status).toBe(403);
      }
      expect((await directoryEvents()).length).toBe(before);
    });
  });

  describe('rights are events', () => {
    it('grants ownership of a plan and a role, answering the rights now; the events carry the reason', async () => {
      clock.set('2013-12-01T10:00:00.000Z');
      const grant = await post('/api/people/cs/grants', { role: 'owner', planId: 'EDU', reason: 'Leads the education plan' });
      expect(grant.status).toBe(201);
      expect(grant.body).toMatchObject({ id: 'cs', rights: [{ role: 'owner', planId: 'EDU' }], active: true });
      const board2 = await post('/api/people/cs/grants', { role: 'board', reason: 'Sits on the Improvement Board' });
      expect(board2.body.rights).toEqual([{ role: 'board' }, { role: 'owner', planId: 'EDU' }]);
      const events = (await directoryEvents()).slice(-2);
      expect(events.map((e) => [e.type, e.data, e.metadata.actor.id, e.metadata.at])).toEqual([
        ['PlanOwnershipGranted', { personId: 'cs', planId: 'EDU', reason: 'Leads the education plan' }, 'ada', '2013-12-01T10:00:00.000Z'],
        ['RoleGranted', { personId: 'cs', role: 'board', reason: 'Sits on the Improvement Board' }, 'ada', '2013-12-01T10:00:00.000Z'],
      ]);
    });

    it('refuses a right over a plan that does not exist (404), an owner right without a plan (422), an unknown person (404)', async () => {
      const before = (await directoryEvents()).length;
      expect((await post('/api/people/cs/grants', { role: 'owner', planId: 'NOPE', reason: 'r' })).status).toBe(404);
      expect((await post('/api/people/cs/grants', { role: 'owner', reason: 'r' })).status).toBe(422);
      expect((await post('/api/people/nobody/grants', { role: 'board', reason: 'r' })).status).toBe(404);
      expect((await post('/api/people/cs/grants', { role: 'chief', reason: 'r' })).status).toBe(400);
      expect((await post('/api/people/cs/grants', { role: 'board' })).status).toBe(400);
      expect((await directoryEvents()).length).toBe(before);
    });

    it('revokes a right (200, the rights now), and the directory as of an earlier date still shows it', async () => {
      clock.set('2014-01-10T10:00:00.000Z');
      const res = await post('/api/people/cs/revocations', { role: 'board', reason: 'Left the board' });
      expect(res.status).toBe(200);
      expect(res.body.rights).toEqual([{ role: 'owner', planId: 'EDU' }]);
      expect((await directoryEvents()).at(-1)).toMatchObject({ type: 'RoleRevoked', data: { personId: 'cs', role: 'board', reason: 'Left the board' } });
      expect((await post('/api/people/cs/revocations', { role: 'board', reason: 'again' })).status).toBe(422);

      const now = await get('/api/people/cs', auditor).expect(200);
      expect(now.body.rights).toEqual([{ role: 'owner', planId: 'EDU' }]);
      const then = await get('/api/people/cs?asOf=2013-12-31', auditor).expect(200);
      expect(then.body).toMatchObject({ id: 'cs', asOf: '2013-12-31T23:59:59.999Z', rights: [{ role: 'board' }, { role: 'owner', planId: 'EDU' }], stamp: { position: expect.any(Number) } });
      const before = await get('/api/people/cs?asOf=2013-11-30', auditor).expect(200);
      expect(before.body.rights).toEqual([]);
      await get('/api/people/cs?asOf=2013-11-20', auditor).expect(404);
      await get('/api/people/cs?asOf=2013-02-30', auditor).expect(400);
    });

    it('deactivates and reactivates with a reason; the list as of a date shows who was active then', async () => {
      clock.set('2014-02-01T10:00:00.000Z');
      const off = await post('/api/people/pd/deactivation', { reason: 'Left the council' });
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({ id: 'pd', active: false });
      expect((await directoryEvents()).at(-1)).toMatchObject({ type: 'PersonDeactivated', data: { personId: 'pd', reason: 'Left the council' } });
      expect((await post('/api/people/pd/grants', { role: 'board', reason: 'r' })).status).toBe(422);
      clock.set('2014-03-01T10:00:00.000Z');
      expect((await post('/api/people/pd/reactivation', { reason: 'Came back' })).body).toMatchObject({ active: true });
      const feb = await get('/api/people?asOf=2014-02-15', auditor).expect(200);
      expect(feb.body.people.find((p: { id: string }) => p.id === 'pd').active).toBe(false);
      const now = await get('/api/people', auditor).expect(200);
      expect(now.body.people.find((p: { id: string }) => p.id === 'pd').active).toBe(true);
    });

    it('lists the directory for admins and auditors only, each person with rights and plans', async () => {
      const res = await get('/api/people', admin).expect(200);
      expect(res.body.stamp).toEqual({ position: expect.any(Number), head: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(res.body.people.map((p: { id: string }) => p.id)).toEqual(['cs', 'mary', 'pd']);
      expect(res.body.people[0]).toEqual({
        id: 'cs', name: 'Chris Snudden', initials: 'CS', jobTitle: 'Head of Education Achievement Service', email: 'chris.snudden@norfolk.gov.uk',
        active: true, rights: [{ role: 'owner', planId: 'EDU' }], plans: { owns: ['EDU'], actionsIn: ['EDU', 'SIP'] }, signIn: 'not-invited',
      });
      expect(res.body.people[1].plans).toEqual({ owns: [], actionsIn: ['EDU'] });
      await get('/api/people', board).expect(403);
      await get('/api/people', owner).expect(403);
      await get('/api/people/cs', board).expect(403);
    });

    it('puts every directory event in the audit trail, found by the person, with its reason', async () => {
      const res = await get('/api/audit?personId=cs', auditor).expect(200);
      expect(res.body.items.map((e: { type: string; reason: string | null; personId: string; planId: string | null }) => [e.type, e.reason, e.personId, e.planId])).toEqual([
        ['PersonAdded', null, 'cs', null],
        ['PlanOwnershipGranted', 'Leads the education plan', 'cs', null],
        ['RoleGranted', 'Sits on the Improvement Board', 'cs', null],
        ['RoleRevoked', 'Left the board', 'cs', null],
      ]);
      const grants = await get('/api/audit?type=PlanOwnershipGranted', auditor).expect(200);
      expect(grants.body.items).toHaveLength(1);
      expect(grants.body.items[0]).toMatchObject({ actor: { id: 'ada', name: 'Ada Admin', role: 'admin' }, at: '2013-12-01T10:00:00.000Z', data: { planId: 'EDU' } });
    });
  });

  describe('owners linked to people', () => {
    it('puts who each owner is beside the initials on an action, a plan board and the exceptions; unmatched initials stay', async () => {
      const action = await get('/api/actions/SIP.PS.1.1', board).expect(200);
      // Printed with a Cyrillic С, kept as printed, and still Chris Snudden's.
      expect(action.body.owners).toEqual(['AB', '\u0421S']);
      expect(action.body.ownerPeople).toEqual([{ initials: 'AB' }, { initials: '\u0421S', personId: 'cs', name: 'Chris Snudden', jobTitle: 'Head of Education Achievement Service' }]);
      const planBoard = await get('/api/plans/SIP/board', board).expect(200);
      const row = planBoard.body.workstreams[0].actions.find((a: { id: string }) => a.id === 'SIP.PS.1.2');
      expect(row.ownerPeople).toEqual([{ initials: 'CS', personId: 'cs', name: 'Chris Snudden', jobTitle: 'Head of Education Achievement Service' }, { initials: 'ZZ' }]);
      const exceptions = await get('/api/exceptions?planId=EDU', board).expect(200);
      expect(exceptions.body.actions.map((a: { ownerPeople: Array<{ name?: string }> }) => a.ownerPeople.map((o) => o.name ?? null))).toEqual([['Mary Jane Edwards', 'Chris Snudden'], ['Chris Snudden']]);
    });

    it('as of a date, uses the directory as it stood then: the name before it was revised', async () => {
      const then = await get('/api/actions/SIP.PS.1.1?asOf=2013-11-21', board).expect(200);
      expect(then.body.ownerPeople[1]).toMatchObject({ initials: '\u0421S', personId: 'cs' });
      clock.set('2014-03-02T10:00:00.000Z');
      await patch('/api/people/cs', { name: 'Christine Snudden', reason: 'Name as on the payroll' });
      const now = await get('/api/actions/SIP.PS.1.1', board).expect(200);
      expect(now.body.ownerPeople[1].name).toBe('Christine Snudden');
      const before = await get('/api/actions/SIP.PS.1.1?asOf=2014-03-01', board).expect(200);
      expect(before.body.ownerPeople[1].name).toBe('Chris Snudden');
    });

    it('lists the owners not in the directory with their actions and plans (admin), leaving out withdrawn actions', async () => {
      const res = await get('/api/people/unmatched-owners', admin).expect(200);
      expect(res.body.owners).toEqual([
        { owner: 'AB', actions: 1, plans: ['SIP'] },
        { owner: 'ZZ', actions: 1, plans: ['SIP'] },
      ]);
      await get('/api/people/unmatched-owners', auditor).expect(403);
    });
  });

  describe('my actions', () => {
    it('lists the actions whose owners include my initials, overdue first, then due within 30 days, then later, closed last', async () => {
      clock.set('2013-11-21T09:00:00.000Z');
      const chris = tokenFor('owner', { user: 'cs', name: 'Chris Snudden', plans: ['EDU'] });
      const res = await get('/api/me/actions', chris).expect(200);
      expect(res.body.person).toEqual({ id: 'cs', name: 'Christine Snudden', initials: 'CS', jobTitle: 'Head of Education Achievement Service' });
      expect(res.body.actions.map((a: { id: string; due: string }) => [a.id, a.due])).toEqual([
        ['EDU.P1.1', 'overdue'],
        ['SIP.PS.1.1', 'within-30-days'],
        ['EDU.P1.2', 'within-30-days'],
        ['EDU.P1.3', 'later'],
        ['SIP.PS.1.3', 'later'],
        ['SIP.PS.1.2', 'closed'],
      ]);
      expect(res.body.actions[2]).toEqual({ id: 'EDU.P1.2', ref: '2', title: 'Action EDU.P1.2', planId: 'EDU', planTitle: 'Education Post Ofsted Action Plan', status: 'A', rag: 'A', targetDate: '2013-12-15', due: 'within-30-days', stepsDone: 0, stepsTotal: 0 });
      expect(res.body.actions[4]).not.toHaveProperty('targetDate');
    });

    it('gives a caller the directory does not know no actions and no person', async () => {
      const res = await get('/api/me/actions', board).expect(200);
      expect(res.body).toEqual({ person: null, actions: [] });
      await t.http().get('/api/me/actions').expect(401);
    });
  });

  describe('importing people', () => {
    it('imports the glossary the plans print, all in one append, and a repeat changes nothing', async () => {
      const glossary = readFileSync(NORFOLK_GLOSSARY_FILE, 'utf8');
      const before = (await directoryEvents()).length;
      const res = await t.http().post('/api/people/import').set(bearer(admin)).set('Content-Type', 'text/plain').send(glossary);
      track(res);
      expect(res.status).toBe(200);
      // CS is there (its name revised to the glossary's), MJE (given a job title) and PD (the same details) too; the other 12 are new.
      expect(res.body).toEqual({ added: 12, revised: 2, unchanged: 1, position: expect.any(Number) });
      const written = (await directoryEvents()).slice(before);
      expect(written).toHaveLength(14);
      expect(new Set(written.map((e) => e.metadata.causationId)).size).toBe(1);
      expect(written.filter((e) => e.type === 'PersonDetailsRevised').map((e) => e.data)).toEqual([
        { personId: 'cs', changes: { name: 'Chris Snudden' }, reason: 'imported from a glossary of people' },
        { personId: 'mary', changes: { jobTitle: 'Head of Education Intervention Service' }, reason: 'imported from a glossary of people' },
      ]);
      expect(written.find((e) => e.data.name === 'Bev Hall')?.data).toEqual({ personId: 'bh', name: 'Bev Hall', initials: 'BH', jobTitle: 'Senior Adviser, Intervention' });

      const again = await t.http().post('/api/people/import').set(bearer(admin)).set('Content-Type', 'text/plain').send(glossary);
      expect(again.body).toEqual({ added: 0, revised: 0, unchanged: 15, position: expect.any(Number) });
      expect((await directoryEvents()).length).toBe(before + 14);
    });

    it('answers a repeat under the same Idempotency-Key with the first answer, and the same key for another list with 422', async () => {
      const send = (csv: string) => t.http().post('/api/people/import').set(bearer(admin)).set('Idempotency-Key', 'people-csv-1').set('Content-Type', 'text/csv').send(csv);
      const csv = 'initials,name\nKA,Katherine Attwell\nPH,Phil Holmes\n';
      const first = track(await send(csv));
      expect(first.body).toEqual({ added: 2, revised: 0, unchanged: 0, position: expect.any(Number) });
      const before = (await directoryEvents()).length;
      expect((await send(csv)).body).toEqual(first.body);
      expect((await send('initials,name\nES,Elly Starling\n')).status).toBe(422);
      expect((await directoryEvents()).length).toBe(before);
    });

    it('imports a CSV; a wrong row refuses the whole list naming its line (400 for the file, 422 for the directory)', async () => {
      const csv = 'initials,name,job_title,email\nAB,Andrea Brown,Assistant Director,andrea.brown@norfolk.gov.uk\nZZ,Zoe Zeal,,\n';
      const res = track(await t.http().post('/api/people/import').set(bearer(admin)).set('Content-Type', 'text/csv').send(csv));
      expect(res.body).toMatchObject({ added: 2, revised: 0, unchanged: 0 });
      const before = (await directoryEvents()).length;
      const bad = await t.http().post('/api/people/import').set(bearer(admin)).set('Content-Type', 'text/csv').send('initials,name\nQQ,Quentin\nRR,\n');
      expect(bad.status).toBe(400);
      expect(bad.body.problems).toEqual(['line 3: no name']);
      const clash = await t.http().post('/api/people/import').set(bearer(admin)).set('Content-Type', 'text/csv').send('initials,name,email\nQQ,Quentin Quail,\nYY,Yan Yu,andrea.brown@norfolk.gov.uk\n');
      expect(clash.status).toBe(422);
      expect(clash.body.problems).toEqual([expect.stringMatching(/^line 3: The email "andrea.brown@norfolk.gov.uk" is already Andrea Brown's/)]);
      expect((await directoryEvents()).length).toBe(before);
      expect((await t.http().post('/api/people/import').set(bearer(admin)).send({ people: [] })).status).toBe(415);
      expect((await t.http().post('/api/people/import').set(bearer(owner)).set('Content-Type', 'text/csv').send(csv)).status).toBe(403);
      // Up to 2 MB, and read for admins only: anyone else is refused by the guard before the body is read.
      const huge = `initials,name\n${'AB,'.padEnd(1000, 'x')}\n`.repeat(2100);
      expect((await t.http().post('/api/people/import').set(bearer(admin)).set('Content-Type', 'text/csv').send(huge)).status).toBe(413);
      expect((await t.http().post('/api/people/import').set(bearer(board)).set('Content-Type', 'text/csv').send(huge)).status).toBe(403);
      const unmatched = await get('/api/people/unmatched-owners', admin).expect(200);
      expect(unmatched.body.owners).toEqual([]);
    });
  });
});
