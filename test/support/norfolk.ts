import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type request from 'supertest';
import { bearer } from './test-app';

/**
 * The fixture: 301 real actions in 5 plans (Norfolk, 2013). The project ships its own copy
 * of ../shared/data/norfolk-plans-2013.json in samples/, so the tests need nothing outside the repo.
 */
export const NORFOLK_FILE = resolve(__dirname, '../../samples/norfolk-plans-2013.json');

/** The glossary of initials of the Norfolk education plan (2013), copied from seed 002 (its lines 1291-1320), tabs and all. */
export const NORFOLK_GLOSSARY_FILE = resolve(__dirname, '../../samples/norfolk-glossary-2013.txt');

export interface NorfolkAction {
  id: string;
  ref: string | null;
  title: string | null;
  strategicIntent: string | null;
  responsible: string[] | null;
  enablingTeams: string[] | null;
  targetDate: string | null;
  targetDateIso: string | null;
  measures: string | null;
  links: string[] | null;
}
export interface NorfolkWorkstream {
  id: string;
  name: string;
  accountable?: string | null;
  responsible?: string | null;
  projectManager?: string | null;
  outcome?: string | null;
  actions: NorfolkAction[];
}
export interface NorfolkPlan {
  id: string;
  name: string;
  board?: string | null;
  version?: string | null;
  workstreams: NorfolkWorkstream[];
}

export function readNorfolk(): { plans: NorfolkPlan[] } {
  return JSON.parse(readFileSync(NORFOLK_FILE, 'utf8'));
}

export const NORFOLK_KINDS: Record<string, string> = { SIP: 'strategic', SG: 'safeguarding', LAC: 'lac', EDU: 'education', EH: 'early-help' };

const text = (value: string | null | undefined) => (value && value.trim() ? value : undefined);

// A few titles were lost in the PDF conversion; the strategic intent or the id stands in.
export const workstreamTitle = (ws: NorfolkWorkstream) => text(ws.name) ?? `(no title in the source plan: ${ws.id})`;
export const actionTitle = (a: NorfolkAction) => text(a.title) ?? text(a.strategicIntent) ?? `(no title in the source plan: ref ${a.ref ?? a.id})`;

/** Loads the Norfolk plans through the public API, as an admin would by hand. Returns the last position. */
export async function loadNorfolkThroughApi(http: () => ReturnType<typeof request>, adminToken: string): Promise<number> {
  let position = 0;
  const post = async (path: string, body: object) => {
    const res = await http().post(path).set(bearer(adminToken)).send(body);
    if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    position = Math.max(position, res.body.position);
  };
  for (const plan of readNorfolk().plans) {
    await post('/api/plans', { id: plan.id, kind: NORFOLK_KINDS[plan.id], title: plan.name, board: text(plan.board), version: text(plan.version) });
    for (const ws of plan.workstreams) {
      await post(`/api/plans/${plan.id}/workstreams`, {
        id: ws.id, title: workstreamTitle(ws), accountable: text(ws.accountable), responsible: text(ws.responsible),
        projectManager: text(ws.projectManager), outcome: text(ws.outcome),
      });
      for (const a of ws.actions) {
        await post(`/api/plans/${plan.id}/actions`, {
          id: a.id,
          ref: text(a.ref),
          workstreamId: ws.id,
          title: actionTitle(a),
          owners: a.responsible ?? [],
          enablingTeams: a.enablingTeams ?? [],
          targetDate: text(a.targetDateIso),
          targetDateText: text(a.targetDate),
          measures: text(a.measures),
          links: a.links ?? [],
        });
      }
    }
  }
  return position;
}
