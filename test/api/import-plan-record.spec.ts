import { readFileSync } from 'node:fs';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@rag-ledger/event-store';
import { readPlansCsv, readPlansJson } from '@rag-ledger/import';
import { WritePath, type WriteContext } from '@rag-ledger/write-path';
import { importPlans } from '../../apps/api/src/import/run-import';
import { NORFOLK_FILE } from '../support/norfolk';

/**
 * Nothing a council wrote into its plan is lost on the way in: the shared Norfolk file's steps,
 * status notes, framework and milestones, each counted against the JSON itself, through the
 * same import the API and the CLI run (reading the store's current state, writing the log).
 */
type Json = Record<string, any>;  

describe('importing the Norfolk file keeps what the plans print besides their actions', () => {
  const clock = { now: () => new Date('2013-11-21T09:00:00.000Z') };
  const context: WriteContext = { actor: { id: 'ada', name: 'Ada Admin', role: 'admin' }, correlationId: 'req-1' };
  const source = (): { plans: Json[] } => JSON.parse(readFileSync(NORFOLK_FILE, 'utf8'));
  const json = source();
  const actionsOf = (plans: Json[]) => plans.flatMap((p) => p.workstreams.flatMap((w: Json) => w.actions as Json[]));
  const stepsInFile: Json[] = actionsOf(json.plans).flatMap((a) => (a.steps as Json[]).map((s) => ({ actionId: a.id as string, ...s })));
  const notesInFile = actionsOf(json.plans).flatMap((a) => (a.statusNotes as string[]).map((text) => ({ actionId: a.id as string, text })));

  let store: SqliteEventStore;
  const importFile = (file: object) => importPlans(new WritePath(store, clock), readPlansJson(file), {}, context);
  const log = async (s: EventStore = store) => {
    const events: RecordedEvent[] = [];
    for await (const e of s.readAll()) events.push(e);
    return events;
  };
  const ofType = (events: RecordedEvent[], type: string) => events.filter((e) => e.type === type).map((e) => e.data as Json);

  beforeEach(() => {
    store = new SqliteEventStore({ filename: ':memory:' });
  });
  afterEach(() => store.close());

  it('keeps all 126 steps, completes those whose status says complete, and keeps the 7 status notes word for word', async () => {
    expect(stepsInFile).toHaveLength(126);
    expect(notesInFile).toHaveLength(7);
    const report = await importFile(json);
    const events = await log();

    const added = ofType(events, 'ActionStepAdded');
    expect(added).toHaveLength(stepsInFile.length);
    expect(added.map((e) => [e.actionId, e.text, e.statusNote])).toEqual(stepsInFile.map((s) => [s.actionId, s.text.trim(), s.statusNote ?? undefined]));
    // Ids by place under the action; printed dates kept, days read as an action's.
    expect(added.find((e) => e.text.startsWith('Understand the assumptions made in the LAC'))).toMatchObject({
      actionId: 'SIP.P.1.1.3', stepId: 'SIP.P.1.1.3.p3', targetDate: '2013-10-31', targetDateText: '31 Oct 13', statusNote: 'due for completion end of October',
    });

    const complete = stepsInFile.filter((s) => typeof s.statusNote === 'string' && /^complete(d)?$/i.test(s.statusNote.trim()));
    expect(complete.length).toBe(8); // of the 11 notes: not "due for completion end of October", "awaiting proposals", "meetings set up"
    const completed = ofType(events, 'ActionStepCompleted');
    expect(completed.map((e) => [e.actionId, e.note])).toEqual(complete.map((s) => [s.actionId, 'imported']));

    const notes = ofType(events, 'ActionProgressNoted');
    expect(notes.map((e) => [e.actionId, e.text, e.source])).toEqual(notesInFile.map((n) => [n.actionId, n.text, 'imported']));
    expect(notes.map((e) => e.text)).toContain('Cohort 1 started 7/10');
    expect(report).toMatchObject({ steps: { created: 126, changed: 0, completed: 8 }, notes: { added: 7, unchanged: 0 } });
  });

  it('writes nothing when the same file is imported again', async () => {
    await importFile(json);
    const before = (await log()).length;
    const again = await importFile(source());
    expect(again).toMatchObject({ events: 0, position: null, steps: { created: 0, changed: 0, unchanged: 126 }, notes: { added: 0, unchanged: 7 }, milestones: { created: 0, changed: 0 } });
    expect((await log()).length).toBe(before);
  });

  it('records a refresh that changes one step\'s date as exactly one event', async () => {
    await importFile(json);
    const before = (await log()).length;
    const refreshed = source();
    const action = actionsOf(refreshed.plans).find((a) => a.id === 'SIP.P.1.2.7')!;
    action.steps[1].targetDate = '31 Mar 14';
    action.steps[1].targetDateIso = '2014-03-31';
    const report = await importFile(refreshed);
    const written = (await log()).slice(before);
    expect(written.map((e) => [e.streamId, e.type])).toEqual([['action-SIP.P.1.2.7', 'ActionStepRevised']]);
    expect(written[0].data).toEqual({
      actionId: 'SIP.P.1.2.7', planId: 'SIP', stepId: 'SIP.P.1.2.7.p2', changes: { targetDate: '2014-03-31', targetDateText: '31 Mar 14' }, reason: 're-import of plan SIP (version Version 1.05 (Refresh October 2013))',
    });
    expect(report).toMatchObject({ events: 1, steps: { changed: 1, unchanged: 125 }, actions: { changed: 1, unchanged: 300 } });
  });

  it('reports a milestone a refreshed plan no longer lists, and keeps it', async () => {
    await importFile(json);
    const before = (await log()).length;
    const refreshed = source();
    const p6 = refreshed.plans.find((p) => p.id === 'EDU')!.workstreams.find((w: Json) => w.id === 'EDU.P6');
    const last = p6.milestones[p6.milestones.length - 1];
    expect(last.items).toEqual(['Evaluation of impact shows that all targets for improvement have been met']);
    p6.milestones.pop();
    const report = await importFile(refreshed);
    expect(report.milestones).toMatchObject({ created: 1, changed: 0, missing: ['EDU.P6.M12'] });
    // The key milestone it was is no longer printed under the priority: it is set on its own.
    const written = (await log()).slice(before);
    expect(written.map((e) => [e.streamId, e.type])).toEqual([['milestone-EDU.M27', 'MilestoneSet']]);
    expect(written[0].data).toMatchObject({ workstreamId: 'EDU.P6', date: '2014-07-31', refs: ['6'], group: 'Key milestones' });
  });

  it('keeps the milestones of the safeguarding and education plans, each where the file puts it', async () => {
    await importFile(json);
    const events = await log();
    const set = ofType(events, 'MilestoneSet');
    const byPlan = (planId: string) => set.filter((m) => m.planId === planId);
    const plan = (id: string) => json.plans.find((p) => p.id === id)!;

    // SG: the plan's own list; the one without a date ("When the Department for Education is assured ...") cannot be due on a day.
    const sg = (plan('SG').milestones as Json[]).filter((m) => m.dateIso);
    expect(sg).toHaveLength(5);
    expect(byPlan('SG').map((m) => [m.text, m.date, m.dateText, m.group, m.workstreamId])).toEqual(sg.map((m) => [m.text, m.dateIso, m.date, m.group, undefined]));

    // EDU: one milestone per printed item of each priority (not the placeholders where the text
    // was lost, nor the fragments), and each key milestone on the priority it cites, where the
    // priority does not already print it on the same day.
    const edu = plan('EDU');
    const placeholder = (s: string) => /^\[[^\]]*\]$/.test(s.trim());
    const items = (edu.workstreams as Json[]).flatMap((w) =>
      (w.milestones as Json[]).flatMap((m) => (m.items ?? []).filter((i: string) => !placeholder(i)).map((text: string) => ({ workstreamId: w.id, date: m.byIso, text }))),
    );
    const priorityOf = (ref: number) => (edu.workstreams as Json[]).find((w) => w.code === `Priority ${ref}`)!.id;
    const keys = (edu.keyMilestones as Json[]).map((k) => ({ workstreamId: priorityOf(k.refToPostOfstedPlan), date: k.dateIso, text: k.milestone }));
    const same = (a: { workstreamId: string; date: string; text: string }, b: typeof a) => a.workstreamId === b.workstreamId && a.date === b.date && a.text.trim().toLowerCase() === b.text.trim().toLowerCase();
    const newKeys = keys.filter((k) => !items.some((i) => same(i, k)));
    expect(keys.length - newKeys.length).toBeGreaterThan(0); // some key milestones are also printed under their priority
    expect(byPlan('EDU')).toHaveLength(items.length + newKeys.length);
    for (const expected of [...items, ...newKeys]) expect(byPlan('EDU').filter((m) => same(m as never, expected))).toHaveLength(1);
    // A key milestone that is also its priority's is one milestone, citing the priority.
    expect(byPlan('EDU').find((m) => m.text.startsWith('Every Chair of Governors'))).toMatchObject({
      milestoneId: 'EDU.P2.M1', workstreamId: 'EDU.P2', date: '2013-09-30', dateText: 'By September 2013', refs: ['2'], group: 'Key milestones',
    });
    expect(set.filter((m) => !['SG', 'EDU'].includes(m.planId))).toEqual([]);

    // Milestones come after their plan's actions (they name its work-streams).
    const lastActionOf = (planId: string) => Math.max(...events.filter((e) => e.streamId.startsWith('action-') && (e.data as Json).planId === planId).map((e) => Number(e.position)));
    const firstMilestoneOf = (planId: string) => Math.min(...events.filter((e) => e.type === 'MilestoneSet' && (e.data as Json).planId === planId).map((e) => Number(e.position)));
    expect(firstMilestoneOf('EDU')).toBeGreaterThan(lastActionOf('EDU'));
    expect(firstMilestoneOf('SG')).toBeGreaterThan(lastActionOf('SG'));
  });

  it('keeps each plan\'s and work-stream\'s lead, success criteria, standards and assumptions on its events', async () => {
    await importFile(json);
    const events = await log();
    const ws = (id: string) => ofType(events, 'WorkstreamAdded').find((w) => w.workstreamId === id)!;
    const wsInFile = (id: string) => json.plans.flatMap((p) => p.workstreams as Json[]).find((w) => w.id === id)!;
    expect(ofType(events, 'PlanCreated').find((p) => p.planId === 'SG')!.standards).toEqual(json.plans.find((p) => p.id === 'SG')!.standards);
    expect(ws('SIP.P')).toMatchObject({ standards: wsInFile('SIP.P').standards, assumptions: wsInFile('SIP.P').assumptions });
    expect(ws('SIP.P')).not.toHaveProperty('risks'); // null in the file
    expect(ws('SIP.PQ').lead).toBe('Katherine Attwell and Phil Holmes');
    expect(ws('EDU.P2')).toMatchObject({ lead: 'Chris Snudden / Mary-Jane Edwards', successCriteria: wsInFile('EDU.P2').whatWillSuccessLookLike });
    // SIP's "What we will see" is only line numbers in the file: there is no text to keep.
    expect(ws('SIP.PS')).not.toHaveProperty('successCriteria');
  });

  it('takes steps and status notes from CSV rows the same way', async () => {
    const csv = [
      'plan_id,plan_title,plan_kind,workstream_id,workstream_title,action_id,ref,title,owners,enabling_teams,target_date,measures,rag,links,step_of,step_id,status_note',
      'EHX,Early Help Extra,early-help,EHX.A,Partnerships,EHX.A.1,1,Agree the early help offer,JS,,Dec13,,G,,,,Cohort 1 started 7/10',
      ',,,,,,,Draft the offer,KA,,Oct 2013,,,,EHX.A.1,,complete',
      ',,,,,,,Consult partners,JS,,Nov 2013,,,,EHX.A.1,,due end of November',
    ].join('\r\n');
    const report = await importPlans(new WritePath(store, clock), readPlansCsv(csv), {}, context);
    const events = (await log()).filter((e) => e.streamId === 'action-EHX.A.1');
    expect(events.map((e) => e.type)).toEqual(['ActionAdded', 'ActionStepAdded', 'ActionStepCompleted', 'ActionStepAdded', 'ActionProgressNoted', 'ActionStarted']);
    expect(events[1].data).toMatchObject({ stepId: 'EHX.A.1.p1', text: 'Draft the offer', owners: ['KA'], targetDate: '2013-10-31', targetDateText: 'Oct 2013', statusNote: 'complete' });
    expect(events[4].data).toEqual({ actionId: 'EHX.A.1', planId: 'EHX', text: 'Cohort 1 started 7/10', source: 'imported' });
    expect(report).toMatchObject({ rowsRead: 3, actions: { created: 1 }, steps: { created: 2, completed: 1 }, notes: { added: 1 } });
  });
});
