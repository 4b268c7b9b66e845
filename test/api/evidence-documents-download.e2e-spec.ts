import { createHash } from 'node:crypto';
import { ACTION, MINUTES, OTHER_ACTION, startEvidenceApp, statusOf, TOKENS, type EvidenceApp } from '../support/evidence-app';
import { pdf } from '../support/evidence-files';
import { removeDataDir } from '../support/test-app';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Downloading evidence (the bytes, as an attachment, never inline) and erasing it. */
describe('evidence documents: downloading and erasing', () => {
  let t: EvidenceApp;
  const minutesPdf = pdf();
  const attach = async (path: string, name: string, body: Buffer | string, token = TOKENS.planOwner) => {
    // Names with quotes or beyond ASCII go as RFC 5987 filename*, as a careful client sends them.
    const res = await t.upload(path, token, { name, body, star: /[^\x20-\x7e]|"/.test(name) });
    expect(statusOf(res, 201)).toEqual({ status: 201, body: undefined });
    return res.body as { documentId: string; position: number; sha256: string };
  };
  const download = (documentId: string, token = TOKENS.board) =>
    t.http().get(`/api/evidence/${documentId}`).set({ Authorization: `Bearer ${token}` }).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  beforeAll(async () => {
    t = await startEvidenceApp();
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('gives the bytes as an attachment under the file’s own name, with the stored media type, nosniff, a sandbox and the SHA-256 as a strong ETag', async () => {
    const doc = await attach(`${ACTION}/evidence`, 'Procès-verbal "réunion" 12·11·2013 会议.pdf', minutesPdf);
    await t.get(`${ACTION}/evidence?minPosition=${doc.position}`);
    for (const token of [TOKENS.board, TOKENS.auditor, TOKENS.otherOwner]) {
      const res = await download(doc.documentId, token);
      expect(statusOf(res, 200)).toEqual({ status: 200, body: undefined });
      expect(Buffer.compare(res.body, minutesPdf)).toBe(0);
    }
    const res = await download(doc.documentId);
    expect(res.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="Proces-verbal _reunion_ 12_11_2013 __.pdf"; filename*=UTF-8''${encodeURIComponent('Procès-verbal "réunion" 12·11·2013 会议.pdf')}`,
      'content-length': String(minutesPdf.length),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
      etag: `"${sha256(minutesPdf)}"`,
    });
    const notModified = await t.http().get(`/api/evidence/${doc.documentId}`).set({ Authorization: `Bearer ${TOKENS.board}`, 'If-None-Match': `"${sha256(minutesPdf)}"` });
    expect(notModified.status).toBe(304);
    const changed = await t.http().get(`/api/evidence/${doc.documentId}`).set({ Authorization: `Bearer ${TOKENS.board}`, 'If-None-Match': `"${'0'.repeat(64)}"` });
    expect(changed.status).toBe(200);
    expect((await download('no-such-document')).status).toBe(404);
    expect((await t.http().get(`/api/evidence/${doc.documentId}`)).status).toBe(401);
  });

  it('sends text as UTF-8 text, still as an attachment', async () => {
    const doc = await attach(`${ACTION}/evidence`, 'minutes.txt', MINUTES);
    await t.get(`${ACTION}/evidence?minPosition=${doc.position}`);
    const res = await download(doc.documentId);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="minutes.txt"; filename*=UTF-8''minutes.txt`);
  });

  it('keeps a withdrawn document downloadable for the board, auditors, admins and the plan’s owners, not for others', async () => {
    const doc = await attach(`${ACTION}/evidence`, 'draft.txt', 'A draft\n');
    const withdrawn = await t.post(`/api/evidence/${doc.documentId}/withdrawal`, TOKENS.planOwner, { reason: 'A draft' });
    expect(statusOf(withdrawn, 200)).toEqual({ status: 200, body: undefined });
    const statuses = await Promise.all([TOKENS.board, TOKENS.auditor, TOKENS.admin, TOKENS.planOwner, TOKENS.otherOwner, TOKENS.namedOwner].map((token) => download(doc.documentId, token)));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 200, 403, 403]);
  });

  it('erases a document for an admin only: the event first, then the bytes (from every document they backed), 410 after; the record keeps name, size and hash', async () => {
    const bytes = 'Names a child: must not be kept\n';
    const doc = await attach(`${ACTION}/evidence`, 'case-notes.txt', bytes);
    const twin = await attach(`${OTHER_ACTION}/evidence`, 'case-notes copy.txt', bytes, TOKENS.admin);
    expect(t.storeFiles().kept).toContain(sha256(bytes));
    const refused = await Promise.all([TOKENS.planOwner, TOKENS.board, TOKENS.auditor].map((token) => t.post(`/api/evidence/${doc.documentId}/erasure`, token, { reason: 'Safeguarding' })));
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403]);
    expect((await t.post(`/api/evidence/${doc.documentId}/erasure`, TOKENS.admin, {})).status).toBe(400);
    expect(t.storeFiles().kept).toContain(sha256(bytes));

    t.clock.set('2013-11-22T09:00:00.000Z');
    const before = (await t.evidenceEvents()).length;
    const res = await t.post(`/api/evidence/${doc.documentId}/erasure`, TOKENS.admin, { reason: 'Names a child: safeguarding' });
    expect(statusOf(res, 200)).toEqual({ status: 200, body: undefined });
    expect(res.body).toMatchObject({
      documentId: doc.documentId, state: 'erased', downloadable: false, fileName: 'case-notes.txt', size: bytes.length, sha256: sha256(bytes),
      erased: { by: { id: 'ada', name: 'Ada Admin', role: 'admin' }, at: '2013-11-22T09:00:00.000Z', reason: 'Names a child: safeguarding' },
    });
    const events = await t.evidenceEvents();
    expect(events.slice(before).map((e) => [e.type, e.data])).toEqual([
      ['EvidenceErased', { documentId: doc.documentId, planId: 'SIP', subject: { kind: 'action', actionId: 'SIP.PS.1' }, sha256: sha256(bytes), reason: 'Names a child: safeguarding' }],
    ]);
    expect(events.find((e) => e.type === 'EvidenceAttached' && e.data.documentId === doc.documentId)?.data).toMatchObject({ fileName: 'case-notes.txt', size: bytes.length, sha256: sha256(bytes) });
    expect(t.storeFiles().kept).not.toContain(sha256(bytes));

    const gone = await download(doc.documentId);
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.body.toString()).message).toBe('"case-notes.txt" was erased on 2013-11-22 (Names a child: safeguarding): its bytes are no longer kept. The record of it stays in the history.');
    // The other document with the same bytes has lost them too.
    expect((await download(twin.documentId)).status).toBe(410);
    const twinView = (await t.get(`${OTHER_ACTION}/evidence`)).body.documents.find((d: { documentId: string }) => d.documentId === twin.documentId);
    expect(twinView).toMatchObject({ state: 'held', downloadable: false });
    // Erased once; asking again deletes the bytes again (had the first deletion failed) and says it was done.
    expect((await t.post(`/api/evidence/${doc.documentId}/erasure`, TOKENS.admin, { reason: 'again' })).status).toBe(422);
  });
});
