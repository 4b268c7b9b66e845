import { ACTION, MEASURE, MINUTES, OTHER_ACTION, startEvidenceApp, statusOf, TOKENS, type EvidenceApp } from '../support/evidence-app';
import { removeDataDir } from '../support/test-app';

/** Listing evidence now and as of a date, withdrawing it, and the counts on the board rows. */
describe('evidence documents: listing, withdrawing, counts on the board', () => {
  let t: EvidenceApp;
  let minutes: { documentId: string; position: number };
  let audit: { documentId: string; position: number };
  let last = 0;
  const attach = async (path: string, token: string, name: string, body: string | Buffer, fields: Record<string, string> = {}) => {
    const res = await t.upload(path, token, { name, body }, fields);
    expect(statusOf(res, 201)).toEqual({ status: 201, body: undefined });
    last = Math.max(last, res.body.position);
    return res.body;
  };

  beforeAll(async () => {
    t = await startEvidenceApp();
    // Day 1: two documents on SIP.PS.1; day 3: one withdrawn; and one on SIP.PS.2.
    t.clock.set('2013-12-01T10:00:00.000Z');
    minutes = await attach(`${ACTION}/evidence`, TOKENS.planOwner, 'minutes.txt', MINUTES, { description: 'Board minutes' });
    audit = await attach(`${ACTION}/evidence`, TOKENS.namedOwner, 'audit.txt', 'Audit of 40 cases\n');
    await attach(`${OTHER_ACTION}/evidence`, TOKENS.admin, 'procedure.txt', 'Revised procedure\n');
    t.clock.set('2013-12-03T10:00:00.000Z');
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('lists an action’s documents in the order attached, with who attached them and when, for every role', async () => {
    for (const token of [TOKENS.board, TOKENS.auditor, TOKENS.otherOwner, TOKENS.namedOwner]) {
      const res = await t.get(`${ACTION}/evidence?minPosition=${last}`, token);
      expect(statusOf(res, 200)).toEqual({ status: 200, body: undefined });
      expect(res.body.subject).toEqual({ kind: 'action', actionId: 'SIP.PS.1' });
      expect(res.body.documents.map((d: { fileName: string }) => d.fileName)).toEqual(['minutes.txt', 'audit.txt']);
    }
    const [first] = (await t.get(`${ACTION}/evidence`)).body.documents;
    expect(first).toEqual({
      documentId: minutes.documentId, planId: 'SIP', subject: { kind: 'action', actionId: 'SIP.PS.1' }, fileName: 'minutes.txt', mediaType: 'text/plain',
      size: MINUTES.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), description: 'Board minutes', state: 'held',
      attachedBy: { id: 'po', name: 'Pat Owner', role: 'owner' }, attachedAt: '2013-12-01T10:00:00.000Z', position: minutes.position,
      withdrawn: null, erased: null, downloadable: true,
    });
    expect((await t.get('/api/actions/SIP.PS.99/evidence')).status).toBe(404);
    expect((await t.http().get(`${ACTION}/evidence`)).status).toBe(401);
  });

  it('finds the evidence events in the audit trail by their type', async () => {
    const res = await t.get(`/api/audit?type=EvidenceAttached&minPosition=${last}`, TOKENS.auditor);
    expect(statusOf(res, 200)).toEqual({ status: 200, body: undefined });
    expect(res.body.items.map((e: { type: string; data: { fileName: string } }) => `${e.type} ${e.data.fileName}`).sort()).toEqual([
      'EvidenceAttached audit.txt', 'EvidenceAttached minutes.txt', 'EvidenceAttached procedure.txt',
    ]);
  });

  it('counts the documents held on each row of the plan board, the action and the exceptions', async () => {
    const board = (await t.get(`/api/plans/SIP/board?minPosition=${last}`)).body;
    const rows = board.workstreams.flatMap((w: { actions: Array<{ id: string; evidenceCount: number }> }) => w.actions);
    expect(rows.map((r: { id: string; evidenceCount: number }) => [r.id, r.evidenceCount])).toEqual([['SIP.PS.1', 2], ['SIP.PS.2', 1]]);
    expect((await t.get(ACTION)).body.evidenceCount).toBe(2);
  });

  it('withdraws a document with a reason (the subject’s owners and admins only): it leaves the list, stays with ?include=all and in the log', async () => {
    const refused = await Promise.all([
      t.post(`/api/evidence/${audit.documentId}/withdrawal`, TOKENS.board, { reason: 'not mine' }),
      t.post(`/api/evidence/${audit.documentId}/withdrawal`, TOKENS.otherOwner, { reason: 'not mine' }),
      t.post(`/api/evidence/${audit.documentId}/withdrawal`, TOKENS.planOwner, {}),
      t.post('/api/evidence/no-such-document/withdrawal', TOKENS.admin, { reason: 'x' }),
    ]);
    expect(refused.map((r) => r.status)).toEqual([403, 403, 400, 404]);
    const before = (await t.evidenceEvents()).length;
    expect(before).toBe(3);

    const res = await t.post(`/api/evidence/${audit.documentId}/withdrawal`, TOKENS.namedOwner, { reason: 'The draft, not the final audit' });
    expect(statusOf(res, 200)).toEqual({ status: 200, body: undefined });
    expect(res.body).toMatchObject({
      documentId: audit.documentId, state: 'withdrawn', downloadable: true,
      withdrawn: { by: { id: 'ab', name: 'Andrea Brown', role: 'owner' }, at: '2013-12-03T10:00:00.000Z', reason: 'The draft, not the final audit', position: expect.any(Number) },
    });
    last = res.body.withdrawn.position;
    const events = await t.evidenceEvents();
    expect(events.slice(before).map((e) => [e.type, e.data])).toEqual([
      ['EvidenceWithdrawn', { documentId: audit.documentId, planId: 'SIP', subject: { kind: 'action', actionId: 'SIP.PS.1' }, reason: 'The draft, not the final audit' }],
    ]);
    expect((await t.get(`${ACTION}/evidence?minPosition=${last}`)).body.documents.map((d: { documentId: string }) => d.documentId)).toEqual([minutes.documentId]);
    const all = (await t.get(`${ACTION}/evidence?include=all`)).body.documents;
    expect(all.map((d: { documentId: string; state: string }) => [d.documentId, d.state])).toEqual([[minutes.documentId, 'held'], [audit.documentId, 'withdrawn']]);
    expect((await t.get(`${ACTION}/evidence?include=some`)).status).toBe(400);
    // Withdrawn once is enough.
    expect((await t.post(`/api/evidence/${audit.documentId}/withdrawal`, TOKENS.admin, { reason: 'again' })).status).toBe(422);
  });

  it('answers as of a date: attached on day 1, withdrawn on day 3, held on day 2; and the board’s counts as they stood', async () => {
    const onDay2 = (await t.get(`${ACTION}/evidence?asOf=2013-12-02&minPosition=${last}`)).body;
    expect(onDay2.asOf).toBe('2013-12-02T23:59:59.999Z');
    expect(onDay2.documents.map((d: { documentId: string; state: string }) => [d.documentId, d.state])).toEqual([[minutes.documentId, 'held'], [audit.documentId, 'held']]);
    expect((await t.get(`${ACTION}/evidence?asOf=2013-11-30`)).body.documents).toEqual([]);
    expect((await t.get(`${ACTION}/evidence?asOf=2013-12-03`)).body.documents).toHaveLength(1);
    // As-of reads are the board's, auditors' and admins'.
    expect((await t.get(`${ACTION}/evidence?asOf=2013-12-02`, TOKENS.planOwner)).status).toBe(403);

    const counts = async (query: string) =>
      (await t.get(`/api/plans/SIP/board${query}`)).body.workstreams.flatMap((w: { actions: Array<{ id: string; evidenceCount: number }> }) => w.actions.map((a) => [a.id, a.evidenceCount]));
    expect(await counts('?asOf=2013-12-02')).toEqual([['SIP.PS.1', 2], ['SIP.PS.2', 1]]);
    expect(await counts('')).toEqual([['SIP.PS.1', 1], ['SIP.PS.2', 1]]);
    expect(await counts('?asOf=2013-11-30')).toEqual([['SIP.PS.1', 0], ['SIP.PS.2', 0]]);
    expect((await t.get(`${ACTION}?asOf=2013-12-02`)).body.evidenceCount).toBe(2);
  });

  it('lists a measure’s documents with the period they stand behind', async () => {
    const doc = await attach(`${MEASURE}/evidence`, TOKENS.otherOwner, 'ofsted.txt', 'Ofsted data view 2014\n', { period: '2014' });
    const list = (await t.get(`${MEASURE}/evidence?minPosition=${doc.position}`)).body;
    expect(list.subject).toEqual({ kind: 'measure', measureId: 'EDU.M.1' });
    expect(list.documents.map((d: { subject: unknown }) => d.subject)).toEqual([{ kind: 'measure', measureId: 'EDU.M.1', period: '2014' }]);
    expect((await t.get('/api/measures/EDU.M.9/evidence')).status).toBe(404);
  });
});
