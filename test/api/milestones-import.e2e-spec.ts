import { readFileSync } from 'node:fs';
import { NORFOLK_FILE } from '../support/norfolk';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

interface FileWorkstream {
  id: string;
  lead?: string | null;
  standards?: string[] | null;
  milestones?: Array<{ byIso?: string | null; items?: string[] }> | null;
}
interface FilePlan {
  id: string;
  workstreams: FileWorkstream[];
}
interface Milestone {
  id: string;
  planId: string;
  workstreamId: string | null;
  date: string;
  text: string;
  refs: string[];
  due: boolean;
  unassessed: boolean;
  assessment: unknown;
}

/**
 * The imported Norfolk plans as the milestone routes, the exceptions and the plan board read
 * them: what the import wrote (its report) is what they answer, in their order, with the
 * framework the file prints on each work-stream.
 */
describe('milestones and the framework of the imported Norfolk plans', () => {
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const clock = new TestClock(new Date('2014-01-15T09:00:00.000Z'));
  const text = readFileSync(NORFOLK_FILE, 'utf8');
  const file = JSON.parse(text) as { plans: FilePlan[] };
  let t: TestApp;
  let position = 0;
  let created = 0;
  const get = (path: string) => t.http().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`).set(bearer(admin)).expect(200).then((r) => r.body);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const res = await t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'application/json').send(text).expect(200);
    position = res.body.position;
    created = res.body.milestones.created;
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('lists every milestone the import set, each plan’s by date then id, those placed on a work-stream on one of its plan’s', async () => {
    expect(created).toBeGreaterThan(0);
    const all: Milestone[] = [];
    for (const plan of file.plans) {
      const list = (await get(`/api/plans/${plan.id}/milestones`)).milestones as Milestone[];
      const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
      expect(list.map((m) => m.id)).toEqual(sorted.map((m) => m.id));
      const workstreams = new Set(plan.workstreams.map((w) => w.id));
      for (const m of list) {
        expect(m.planId).toBe(plan.id);
        if (m.workstreamId !== null) expect(workstreams).toContain(m.workstreamId);
      }
      all.push(...list);
    }
    expect(all).toHaveLength(created);
    // The education plan prints its priorities' milestones on each priority: there, on the board.
    const edu = file.plans.find((p) => p.id === 'EDU') as FilePlan;
    const p2 = edu.workstreams.find((w) => w.id === 'EDU.P2') as FileWorkstream;
    const firstP2 = p2.milestones?.[0];
    expect(all.some((m) => m.workstreamId === 'EDU.P2' && m.date === firstP2?.byIso && m.text === firstP2?.items?.[0])).toBe(true);
  });

  it('counts as exceptions, and on each work-stream of the board, exactly the milestones due and not assessed', async () => {
    const exceptions = (await get('/api/exceptions')).milestones as Milestone[];
    const unassessed: Milestone[] = [];
    for (const plan of file.plans) {
      const list = (await get(`/api/plans/${plan.id}/milestones`)).milestones as Milestone[];
      for (const m of list) {
        expect(m.due).toBe(m.date < '2014-01-15');
        expect(m.unassessed).toBe(m.due && m.assessment === null);
      }
      unassessed.push(...list.filter((m) => m.unassessed));
      const board = await get(`/api/plans/${plan.id}/board`);
      expect(board.workstreams.map((w: { id: string; unassessedMilestones: number }) => [w.id, w.unassessedMilestones])).toEqual(
        plan.workstreams.map((w) => [w.id, list.filter((m) => m.unassessed && m.workstreamId === w.id).length]),
      );
    }
    expect(unassessed.length).toBeGreaterThan(0);
    expect(exceptions.map((m) => m.id).sort()).toEqual(unassessed.map((m) => m.id).sort());
  });

  it('shows each work-stream’s framework on the plan board as the file prints it', async () => {
    for (const plan of file.plans) {
      const board = await get(`/api/plans/${plan.id}/board`);
      const shown = new Map<string, { lead: string | null; standards: string[] }>(board.workstreams.map((w: { id: string; framework: { lead: string | null; standards: string[] } }) => [w.id, w.framework]));
      for (const w of plan.workstreams) {
        if (typeof w.lead === 'string' && w.lead.trim() !== '') expect(shown.get(w.id)?.lead).toBe(w.lead);
        if (Array.isArray(w.standards) && w.standards.length > 0) expect(shown.get(w.id)?.standards).toEqual(w.standards);
      }
    }
    const sip = await get('/api/plans/SIP/board');
    expect(sip.workstreams.find((w: { id: string }) => w.id === 'SIP.PS').framework.standards).toHaveLength(3);
  });
});
