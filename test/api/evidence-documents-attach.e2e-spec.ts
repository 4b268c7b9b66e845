import { createHash } from 'node:crypto';
import { ACTION, MEASURE, MINUTES, OTHER_ACTION, startEvidenceApp, statusOf, TOKENS, type EvidenceApp } from '../support/evidence-app';
import { removeDataDir } from '../support/test-app';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Attaching evidence to an action or a measure: who may, what is answered, what the log records. */
describe('evidence documents: attaching', () => {
  let t: EvidenceApp;

  beforeAll(async () => {
    t = await startEvidenceApp();
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('attaches a file to an action for an admin, answering 201 with the document, and the log records EvidenceAttached with who and which request', async () => {
    const res = await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'Board minutes 12 Nov.txt', body: MINUTES }, { description: 'Minutes that re-established the board' }, { 'X-Request-Id': 'req-attach-1' });
    expect(statusOf(res, 201)).toEqual({ status: 201, body: undefined });
    expect(res.body).toEqual({
      documentId: expect.stringMatching(/^[0-9a-f-]{36}$/), fileName: 'Board minutes 12 Nov.txt', mediaType: 'text/plain', size: MINUTES.length, sha256: sha256(MINUTES), position: expect.any(Number),
    });
    const events = await t.evidenceEvents();
    const event = events.find((e) => e.data.documentId === res.body.documentId);
    expect(event).toMatchObject({
      streamId: `evidence-${res.body.documentId}`,
      type: 'EvidenceAttached',
      position: BigInt(res.body.position),
      data: {
        documentId: res.body.documentId, planId: 'SIP', subject: { kind: 'action', actionId: 'SIP.PS.1' }, fileName: 'Board minutes 12 Nov.txt',
        mediaType: 'text/plain', size: MINUTES.length, sha256: sha256(MINUTES), description: 'Minutes that re-established the board',
      },
      metadata: { actor: { id: 'ada', name: 'Ada Admin', role: 'admin' }, correlationId: 'req-attach-1', at: '2013-11-21T09:00:00.000Z' },
    });
    expect(t.storeFiles()).toEqual({ incoming: [], kept: [sha256(MINUTES)] });
  });

  it('lets an owner of the plan and a person named as the action’s owner attach; the same bytes are kept once', async () => {
    const byPlanOwner = await t.upload(`${ACTION}/evidence`, TOKENS.planOwner, { name: 'minutes-copy.txt', body: MINUTES });
    expect(statusOf(byPlanOwner, 201)).toEqual({ status: 201, body: undefined });
    const report = Buffer.from('Audit of strategy meetings: 40 cases sampled.\n');
    const byNamedOwner = await t.upload(`${ACTION}/evidence`, TOKENS.namedOwner, { name: 'audit.txt', body: report });
    expect(statusOf(byNamedOwner, 201)).toEqual({ status: 201, body: undefined });
    const events = await t.evidenceEvents();
    expect(events.filter((e) => [byPlanOwner.body.documentId, byNamedOwner.body.documentId].includes(e.data.documentId)).map((e) => e.metadata.actor)).toEqual([
      { id: 'po', name: 'Pat Owner', role: 'owner' },
      { id: 'ab', name: 'Andrea Brown', role: 'owner' },
    ]);
    expect(t.storeFiles().kept.sort()).toEqual([sha256(MINUTES), sha256(report)].sort());
  });

  it('refuses a board member (403), an owner of another plan (403), a person named on another action (403) and no token (401), writing nothing', async () => {
    const before = (await t.evidenceEvents()).length;
    const kept = t.storeFiles().kept;
    const answers = await Promise.all([
      t.upload(`${ACTION}/evidence`, TOKENS.board, { name: 'x.txt', body: 'board member' }),
      t.upload(`${ACTION}/evidence`, TOKENS.otherOwner, { name: 'x.txt', body: 'other plan owner' }),
      t.upload(`${OTHER_ACTION}/evidence`, TOKENS.namedOwner, { name: 'x.txt', body: 'named on SIP.PS.1, not SIP.PS.2' }),
      t.http().post(`${ACTION}/evidence`).attach('file', Buffer.from('nobody'), 'x.txt'),
      t.upload('/api/actions/SIP.PS.99/evidence', TOKENS.admin, { name: 'x.txt', body: 'no such action' }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([403, 403, 403, 401, 404]);
    expect(answers[2].body.message).toBe('You are not an owner of plan "SIP" nor named as an owner of action "SIP.PS.2", so you cannot attach or withdraw its evidence.');
    expect((await t.evidenceEvents()).length).toBe(before);
    expect(t.storeFiles()).toEqual({ incoming: [], kept });
  });

  it('attaches to a measure, for a period with a value or a target; another period is 400 naming them; a named action owner may not', async () => {
    const res = await t.upload(`${MEASURE}/evidence`, TOKENS.otherOwner, { name: 'ofsted-2013.csv', body: 'school,judgement\nA,good\n' }, { period: '2013', description: 'Ofsted data view' });
    expect(statusOf(res, 201)).toEqual({ status: 201, body: undefined });
    expect(res.body.mediaType).toBe('text/csv');
    const event = (await t.evidenceEvents()).find((e) => e.data.documentId === res.body.documentId);
    expect(event?.data).toMatchObject({ planId: 'EDU', subject: { kind: 'measure', measureId: 'EDU.M.1', period: '2013' }, description: 'Ofsted data view' });

    const before = (await t.evidenceEvents()).length;
    const wrongPeriod = await t.upload(`${MEASURE}/evidence`, TOKENS.admin, { name: 'x.txt', body: 'for 2015' }, { period: '2015' });
    expect(statusOf(wrongPeriod, 400)).toEqual({ status: 400, body: undefined });
    expect(wrongPeriod.body.message).toBe('The measure has no value or target for the period "2015": its periods with a value or a target are 2013, 2014.');
    expect((await t.upload(`${MEASURE}/evidence`, TOKENS.planOwner, { name: 'x.txt', body: 'SIP owner' })).status).toBe(403);
    expect((await t.upload('/api/measures/EDU.M.9/evidence', TOKENS.admin, { name: 'x.txt', body: 'none' })).status).toBe(404);
    expect((await t.evidenceEvents()).length).toBe(before);
    expect(t.storeFiles().incoming).toEqual([]);
  });

  it('answers a repeat with the same Idempotency-Key with the first document and writes nothing; the key with another file is 422', async () => {
    const key = { 'Idempotency-Key': 'attach-once-1' };
    const first = await t.upload(`${ACTION}/evidence`, TOKENS.planOwner, { name: 'plan.txt', body: 'Revised procedure v2' }, {}, key);
    expect(statusOf(first, 201)).toEqual({ status: 201, body: undefined });
    const before = (await t.evidenceEvents()).length;
    const again = await t.upload(`${ACTION}/evidence`, TOKENS.planOwner, { name: 'plan.txt', body: 'Revised procedure v2' }, {}, key);
    expect(statusOf(again, 201)).toEqual({ status: 201, body: undefined });
    expect(again.body).toEqual(first.body);
    const other = await t.upload(`${ACTION}/evidence`, TOKENS.planOwner, { name: 'plan.txt', body: 'Revised procedure v3' }, {}, key);
    expect(other.status).toBe(422);
    expect((await t.evidenceEvents()).length).toBe(before);
  });
});
