import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boardActionStream, boardStream, meetingStream, planStream, type EventMetadata } from '@rag-ledger/domain';
import { SqliteEventStore } from '@rag-ledger/event-store';
import { createProjections, MeetingsQueries, openReadModelDatabase, PROJECTED_STREAM_PREFIXES, ProjectionRunner, rebuildReadModels } from '@rag-ledger/projections';
import { dumpReadModels } from '../support/dump-database';
import { projectLive } from '../support/projected-log';

/**
 * The meetings read model beside the others: a log with a plan, a board, its meeting (pack
 * issued, reminders sent) and its action log is projected live with no projection failing, the
 * action log read as it stood at an instant and up to a log position, and rebuilt from scratch
 * row for row; the plans' read models leave the meeting events alone.
 */
describe('the meetings read model', () => {
  let dir: string;
  let store: SqliteEventStore;
  let head: number;
  /** The position of the pack's stamp: the log's last event before the board action was answered. */
  let stamp: number;

  const metadata = (at: string, id = 'chair'): EventMetadata => ({ actor: { id, name: id === 'chair' ? 'Independent Chair' : 'Sheila Smith', role: id === 'chair' ? 'board' : 'owner' }, at, correlationId: `r-${at}`, causationId: `c-${at}` });
  const ids = { boardActionId: 'CSIB-2014-01-21.1', meetingId: 'CSIB-2014-01-21', boardId: 'CSIB' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rag-ledger-meetings-rebuild-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    await store.appendToStream(planStream('SIP'), { type: 'PlanCreated', data: { planId: 'SIP', kind: 'strategic', title: 'Strategic' }, metadata: metadata('2013-11-01T09:00:00.000Z') });
    await store.appendToStream(boardStream('CSIB'), [
      { type: 'BoardEstablished', data: { boardId: 'CSIB', name: 'Improvement Board', kind: 'improvement', planIds: ['SIP'], members: ['Independent Chair'] }, metadata: metadata('2013-11-01T09:01:00.000Z') },
      { type: 'BoardRevised', data: { boardId: 'CSIB', changes: { members: ['Independent Chair', 'SS'] }, reason: 'New member' }, metadata: metadata('2013-11-01T09:02:00.000Z') },
    ]);
    await store.appendToStream(meetingStream(ids.meetingId), [
      { type: 'MeetingScheduled', data: { meetingId: ids.meetingId, boardId: 'CSIB', date: '2014-01-21', title: 'January', papersDueOn: '2014-01-14' }, metadata: metadata('2013-12-01T09:00:00.000Z') },
      { type: 'RemindersSent', data: { meetingId: ids.meetingId, boardId: 'CSIB', channel: 'file', reminded: [{ owner: 'SS', email: null, overdue: [], dueBeforeMeeting: ['SIP.1'], noUpdateSincePreviousPack: [], file: 'reminders/x.eml' }] }, metadata: metadata('2014-01-10T07:00:00.000Z') },
    ]);
    await store.appendToStream(boardActionStream(ids.boardActionId), {
      type: 'BoardActionAgreed', data: { ...ids, agendaItem: '4', text: 'Circulate the figure', owner: 'SS', dueOn: '2014-02-18' }, metadata: metadata('2014-01-21T11:00:00.000Z'),
    });
    stamp = Number(await store.headPosition());
    await store.appendToStream(meetingStream(ids.meetingId), {
      type: 'PackIssued', data: { meetingId: ids.meetingId, boardId: 'CSIB', position: stamp, head: null, issuedAt: '2014-01-21T12:00:00.000Z', planIds: ['SIP'], measureIds: [], previous: null }, metadata: metadata('2014-01-21T12:00:00.000Z'),
    }, { expectedRevision: 1n });
    // A clock set back: answered later in the log, with a time before the pack's stamp.
    await store.appendToStream(boardActionStream(ids.boardActionId), [
      { type: 'BoardActionResponded', data: { ...ids, text: 'Circulated' }, metadata: metadata('2014-01-21T11:30:00.000Z', 'ss') },
      { type: 'BoardActionClosed', data: { ...ids, reason: 'Accepted' }, metadata: metadata('2014-02-18T12:00:00.000Z') },
    ]);
    head = Number(await store.headPosition());
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects live with no projection failing; the action log as it stood at an instant, and up to a log position', async () => {
    const db = openReadModelDatabase(join(dir, 'watched.db'));
    const runner = new ProjectionRunner(store, db, createProjections(), { streamPrefixes: PROJECTED_STREAM_PREFIXES });
    await runner.start();
    expect(runner.position).toBe(BigInt(head));
    expect(runner.failures).toEqual([]);
    await runner.stop();
    // The plans' board knows nothing of boards that meet; the audit trail lists every event.
    expect(db.prepare('SELECT count(*) FROM board_actions').pluck().get()).toBe(0);
    expect(db.prepare('SELECT type FROM audit_events ORDER BY position').pluck().all()).toEqual([
      'PlanCreated', 'BoardEstablished', 'BoardRevised', 'MeetingScheduled', 'RemindersSent', 'BoardActionAgreed', 'PackIssued', 'BoardActionResponded', 'BoardActionClosed',
    ]);
    const q = new MeetingsQueries(db);
    expect(q.board('CSIB', '2014-01-01')).toMatchObject({ members: ['Independent Chair', 'SS'], nextMeeting: { id: ids.meetingId }, lastIssuedMeeting: { id: ids.meetingId }, revision: 1 });
    expect(q.meeting(ids.meetingId)).toMatchObject({
      reminders: [{ sentAt: '2014-01-10T07:00:00.000Z', owners: ['SS'], channel: 'file' }],
      pack: { position: stamp, issuedBy: { id: 'chair' } },
      boardActionIds: [ids.boardActionId],
    });
    expect(q.boardAction(ids.boardActionId, { day: '2014-03-01' })).toMatchObject({ state: 'closed', overdue: false, responses: [{ text: 'Circulated' }] });
    // At the instant of the stamp the response (timed 11:30) had been recorded...
    expect(q.boardAction(ids.boardActionId, { asOf: '2014-01-21T12:00:00.000Z', day: '2014-01-21' })).toMatchObject({ state: 'open', responses: [{ text: 'Circulated' }] });
    // ...but not up to the stamp's position: the pack sees the log as it was when issued.
    expect(q.boardAction(ids.boardActionId, { asOf: '2014-01-21T12:00:00.000Z', day: '2014-01-21', upTo: stamp })).toMatchObject({ state: 'open', responses: [] });
    expect(q.boardActions('CSIB', { asOf: '2014-02-19T00:00:00.000Z', day: '2014-02-19', upTo: stamp }).map((a) => [a.id, a.state, a.overdue])).toEqual([[ids.boardActionId, 'open', true]]);
    expect(q.boardAction(ids.boardActionId, { asOf: '2014-01-21T10:00:00.000Z', day: '2014-01-21' })).toBeUndefined();
    db.close();
  });

  it('rebuilds from scratch, row for row and index for index, what live projection gives', async () => {
    const live = join(dir, 'live.db');
    await projectLive(store, live, 1);
    const rebuilt = join(dir, 'rebuilt.db');
    expect(await rebuildReadModels({ store, filename: rebuilt, projections: createProjections(), streamPrefixes: PROJECTED_STREAM_PREFIXES })).toBe(head);
    const expected = dumpReadModels(live);
    expect(expected.main.tables.meetings).toHaveLength(1);
    expect(expected.main.tables.meeting_board_actions_versions).toHaveLength(3);
    expect(expected.main.indexes).toContain('meeting_board_actions_versions_by_position');
    expect(dumpReadModels(rebuilt)).toEqual(expected);
  });
});
