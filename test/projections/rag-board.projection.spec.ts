import { RagBoardProjection } from '@rag-ledger/projections';
import { projectionSpec, type GivenEvent } from './projection-spec';

/** The RAG board's rows (board-rows.ts), given events. */
const board = projectionSpec(() => new RagBoardProjection());

const planCreated: GivenEvent = { type: 'PlanCreated', data: { planId: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan', version: '1.05' } };
const workstreamAdded: GivenEvent = { type: 'WorkstreamAdded', data: { planId: 'SIP', workstreamId: 'SIP.PS', title: 'Practice Standards', accountable: 'AH' } };
const actionAdded: GivenEvent = {
  type: 'ActionAdded',
  data: { actionId: 'A1', planId: 'SIP', workstreamId: 'SIP.PS', ref: '1.1', title: 'Map the journey of the child', owners: ['AB'], enablingTeams: [], targetDate: '2013-12-31', targetDateText: 'Dec 2013', links: [] },
};
const base = { actionId: 'A1', planId: 'SIP' };

describe('RAG board projection: given events, then rows', () => {
  it('a plan, its work-stream and a new action: one row each, the action not started', () => {
    const given = board.given(planCreated, workstreamAdded, actionAdded);
    expect(given.db.prepare('SELECT id, kind, title, board, version, created_at, last_changed_at, revision, seq FROM board_plans').all()).toEqual([
      { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan', board: null, version: '1.05', created_at: '2013-11-01T09:00:00.000Z', last_changed_at: '2013-11-01T09:01:00.000Z', revision: 1, seq: 1 },
    ]);
    expect(given.db.prepare('SELECT * FROM board_workstreams').all()).toEqual([
      { plan_id: 'SIP', id: 'SIP.PS', title: 'Practice Standards', accountable: 'AH', responsible: null, project_manager: null, outcome: null, framework: null, seq: 2 },
    ]);
    given.then('SELECT id, plan_id, workstream_id, ref, owners, target_date, target_date_text, status, last_reason, last_change, revision, seq FROM board_actions', [
      { id: 'A1', plan_id: 'SIP', workstream_id: 'SIP.PS', ref: '1.1', owners: '["AB"]', target_date: '2013-12-31', target_date_text: 'Dec 2013', status: 'W', last_reason: null, last_change: 'ActionAdded', revision: 0, seq: 3 },
    ]);
  });

  it("an action's status through start, a RAG change, a note, completion and reopening, each version kept from its event's time", () => {
    board
      .given(
        planCreated,
        workstreamAdded,
        actionAdded,
        { type: 'ActionStarted', data: { ...base, rag: 'G' } },
        { type: 'ActionRagChanged', data: { ...base, from: 'G', to: 'R', reason: 'Facilitators not recruited' }, at: '2013-11-20T15:30:00.000Z' },
        { type: 'ActionProgressNoted', data: { ...base, text: 'Interviews next week' }, at: '2013-11-25T10:00:00.000Z' },
        { type: 'ActionCompleted', data: { ...base, from: 'R', note: 'All mapped' }, at: '2013-12-05T11:00:00.000Z' },
        { type: 'ActionReopened', data: { ...base, rag: 'A', reason: 'Two teams missed' }, at: '2013-12-10T11:00:00.000Z' },
      )
      .then('SELECT valid_from, position, status, last_reason, last_change, revision FROM board_actions_versions ORDER BY position', [
        { valid_from: '2013-11-01T09:02:00.000Z', position: 3, status: 'W', last_reason: null, last_change: 'ActionAdded', revision: 0 },
        { valid_from: '2013-11-01T09:03:00.000Z', position: 4, status: 'G', last_reason: null, last_change: 'ActionStarted', revision: 1 },
        { valid_from: '2013-11-20T15:30:00.000Z', position: 5, status: 'R', last_reason: 'Facilitators not recruited', last_change: 'ActionRagChanged', revision: 2 },
        // A note changes no status: the last reason stays, the last change is the note.
        { valid_from: '2013-11-25T10:00:00.000Z', position: 6, status: 'R', last_reason: 'Facilitators not recruited', last_change: 'ActionProgressNoted', revision: 3 },
        { valid_from: '2013-12-05T11:00:00.000Z', position: 7, status: 'B', last_reason: 'All mapped', last_change: 'ActionCompleted', revision: 4 },
        { valid_from: '2013-12-10T11:00:00.000Z', position: 8, status: 'A', last_reason: 'Two teams missed', last_change: 'ActionReopened', revision: 5 },
      ]);
  });

  it('a new target date, new owners, revised details and withdrawal change the current row; the details are versioned apart', () => {
    const given = board.given(
      planCreated,
      workstreamAdded,
      actionAdded,
      { type: 'ActionTargetDateRevised', data: { ...base, from: '2013-12-31', to: '2014-03-31', reason: 'Agreed by the board' } },
      { type: 'ActionOwnersReassigned', data: { ...base, from: ['AB'], to: ['AB', 'CM'], reason: 'AH left' } },
      { type: 'ActionDetailsRevised', data: { ...base, changes: { title: 'Map every journey', links: ['SIP.PS.2'] }, reason: 'plan refresh to version 1.06' } },
      { type: 'ActionWithdrawn', data: { ...base, from: 'W', reason: 'Superseded' } },
    );
    expect(given.db.prepare('SELECT position, title, owners, target_date, links FROM board_actions_details_versions ORDER BY position').all()).toEqual([
      { position: 3, title: 'Map the journey of the child', owners: '["AB"]', target_date: '2013-12-31', links: '[]' },
      { position: 4, title: 'Map the journey of the child', owners: '["AB"]', target_date: '2014-03-31', links: '[]' },
      { position: 5, title: 'Map the journey of the child', owners: '["AB","CM"]', target_date: '2014-03-31', links: '[]' },
      { position: 6, title: 'Map every journey', owners: '["AB","CM"]', target_date: '2014-03-31', links: '["SIP.PS.2"]' },
    ]);
    given.then('SELECT title, owners, target_date, target_date_text, links, status, last_reason, revision FROM board_actions', [
      { title: 'Map every journey', owners: '["AB","CM"]', target_date: '2014-03-31', target_date_text: null, links: '["SIP.PS.2"]', status: 'withdrawn', last_reason: 'Superseded', revision: 4 },
    ]);
  });

  it("a plan's refresh and a work-stream's revision update their rows; the plan's last change follows its stream", () => {
    const given = board.given(
      planCreated,
      workstreamAdded,
      { type: 'PlanVersionRefreshed', data: { planId: 'SIP', previousVersion: '1.05', version: '1.06', reason: 'refresh' }, at: '2014-02-01T09:00:00.000Z' },
      { type: 'WorkstreamRevised', data: { planId: 'SIP', workstreamId: 'SIP.PS', changes: { title: 'Practice standards and audit' }, reason: 'refresh' }, at: '2014-02-01T09:00:00.000Z' },
    );
    expect(given.db.prepare('SELECT title, version, last_changed_at, revision FROM board_plans').all()).toEqual([
      { title: 'Strategic Improvement Plan', version: '1.06', last_changed_at: '2014-02-01T09:00:00.000Z', revision: 3 },
    ]);
    given.then('SELECT id, title, accountable FROM board_workstreams', [{ id: 'SIP.PS', title: 'Practice standards and audit', accountable: 'AH' }]);
  });

  it("keeps the plan's and each work-stream's framework as printed: a refresh or revision replaces the fields it carries, keeps the others, and each version is kept", () => {
    const given = board.given(
      { type: 'PlanCreated', data: { ...planCreated.data, lead: 'Matt Dunkley', successCriteria: ['Children are safe'] } } as GivenEvent,
      { type: 'WorkstreamAdded', data: { ...workstreamAdded.data, successCriteria: ['Audits show good practice'], standards: ['Working Together 2013'] } } as GivenEvent,
      { type: 'WorkstreamAdded', data: { planId: 'SIP', workstreamId: 'SIP.QA', title: 'Quality assurance' } },
      { type: 'PlanVersionRefreshed', data: { planId: 'SIP', previousVersion: '1.05', version: '1.06', risks: ['Recruitment of social workers'], reason: 'refresh' }, at: '2014-02-01T09:00:00.000Z' },
      { type: 'WorkstreamRevised', data: { planId: 'SIP', workstreamId: 'SIP.PS', changes: { standards: ['Working Together 2013', 'Ofsted SIF'], lead: 'AH' }, reason: 'refresh' }, at: '2014-02-01T09:00:00.000Z' },
    );
    expect(given.db.prepare('SELECT id, framework FROM board_plans').all().map((r) => ({ ...(r as object), framework: JSON.parse((r as { framework: string }).framework) }))).toEqual([
      { id: 'SIP', framework: { lead: 'Matt Dunkley', successCriteria: ['Children are safe'], risks: ['Recruitment of social workers'] } },
    ]);
    expect(given.db.prepare('SELECT id, framework FROM board_workstreams ORDER BY seq').all()).toEqual([
      { id: 'SIP.PS', framework: JSON.stringify({ successCriteria: ['Audits show good practice'], standards: ['Working Together 2013', 'Ofsted SIF'], lead: 'AH' }) },
      { id: 'SIP.QA', framework: null },
    ]);
    given.then("SELECT valid_from, framework FROM board_workstreams_versions WHERE id = 'SIP.PS' ORDER BY position", [
      { valid_from: '2013-11-01T09:01:00.000Z', framework: JSON.stringify({ successCriteria: ['Audits show good practice'], standards: ['Working Together 2013'] }) },
      { valid_from: '2014-02-01T09:00:00.000Z', framework: JSON.stringify({ successCriteria: ['Audits show good practice'], standards: ['Working Together 2013', 'Ofsted SIF'], lead: 'AH' }) },
    ]);
  });

  it('events about what it never saw created leave no row, and measure events are not its to read', () => {
    board
      .given(
        { type: 'ActionStarted', data: { actionId: 'GHOST', planId: 'SIP', rag: 'G' } },
        { type: 'PlanVersionRefreshed', data: { planId: 'NOPE', version: '2', reason: 'refresh' } },
        { type: 'MeasureDefined', data: { measureId: 'M1', planId: 'SIP', name: 'Good schools', unit: 'percent', polarity: 'higher', amberTolerance: 2 } },
      )
      .then("SELECT 'plans', count(*) AS n FROM board_plans UNION ALL SELECT 'actions', count(*) FROM board_actions_versions", [
        { "'plans'": 'plans', n: 0 },
        { "'plans'": 'actions', n: 0 },
      ]);
    expect(new RagBoardProjection().handles).not.toContain('MeasureDefined');
  });
});
