import { formatStamp } from '@rag-ledger/event-store';
import { docxPart, docxText, pdfFlowText, pdfPages } from '../../support/document-text';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

/**
 * GET /api/meetings/:id/pack?format=pdf|docx end to end: a board's meeting with its pack issued,
 * then the PDF and the Word document asked for by a board member, each answered with its content
 * type and file name, holding the meeting's title and the stamp the pack was issued with (the
 * PDF on every page), and the same bytes when asked again after the plan has moved on.
 */
describe('the meeting pack as PDF and Word, over the API', () => {
  const clock = new TestClock(new Date('2013-11-01T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const chair = tokenFor('board', { user: 'chair', name: 'Siân Chair' });
  let t: TestApp;
  let last = 0;
  let stamp = '';

  const post = async (path: string, body: object, token = admin) => {
    const res = await t.http().post(path).set(bearer(token)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = Math.max(last, res.body.position ?? 0);
    return res;
  };
  const getDocument = (format: string, token = chair) =>
    t
      .http()
      .get(`/api/meetings/CSIB-2013-11-19/pack?format=${format}&minPosition=${last}`)
      .set(bearer(token))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: "Children's Services Strategic Improvement Plan" });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans/SIP/actions', { id: 'SIP.PS.1', ref: '1.1', workstreamId: 'SIP.PS', title: 'Audit case files monthly', owners: ['AB'], targetDate: '2014-03-31' });
    await post('/api/actions/SIP.PS.1/start', { rag: 'G' });
    await post('/api/actions/SIP.PS.1/rag', { rag: 'R', reason: 'No auditor in post until January' });
    await post('/api/boards', { id: 'CSIB', name: "Children's Services Improvement Board", planIds: ['SIP'], members: ['Siân Chair'] }, chair);
    await post('/api/boards/CSIB/meetings', { date: '2013-11-19', title: 'Improvement Board, November', papersDueOn: '2013-11-12' }, chair);
    clock.set('2013-11-12T16:00:00.000Z');
    const issued = await post('/api/meetings/CSIB-2013-11-19/pack', {}, chair);
    stamp = formatStamp({ position: issued.body.position, hash: issued.body.head });
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('answers the PDF inline as application/pdf, with the title, and the stamp and page numbers on every page', async () => {
    const res = await getDocument('pdf').expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="pack-CSIB-2013-11-19.pdf"');
    const pdf = res.body as Buffer;
    expect(pdfFlowText(pdf)).toContain('Improvement Board, November');
    expect(pdfFlowText(pdf)).toContain('No auditor in post until January');
    const pages = pdfPages(pdf);
    pages.forEach((page, i) => {
      expect(page).toContain(`Stamp ${stamp}`);
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('answers the Word document as an attachment of the Word type, with the title, and the stamp in its footer', async () => {
    const res = await getDocument('docx').expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe('attachment; filename="pack-CSIB-2013-11-19.docx"');
    const docx = res.body as Buffer;
    const text = await docxText(docx);
    expect(text).toContain("Children's Services Improvement Board: Improvement Board, November");
    expect(text).toContain(stamp);
    expect(docxPart(docx, 'word/footer1.xml')).toContain(`Stamp ${stamp}`);
  });

  it('gives back the pack as issued, the plan having moved on since: the same text, the new reason nowhere', async () => {
    const before = { pdf: pdfFlowText((await getDocument('pdf').expect(200)).body as Buffer), docx: await docxText((await getDocument('docx').expect(200)).body as Buffer) };
    clock.set('2013-12-02T10:00:00.000Z');
    await post('/api/actions/SIP.PS.1/rag', { rag: 'A', reason: 'Auditor started early' });
    const pdf = pdfFlowText((await getDocument('pdf').expect(200)).body as Buffer);
    const docx = await docxText((await getDocument('docx').expect(200)).body as Buffer);
    expect(pdf.replace(/generated [^.]+\./, '')).toBe(before.pdf.replace(/generated [^.]+\./, ''));
    expect(docx.replace(/generated [^.]+\./, '')).toBe(before.docx.replace(/generated [^.]+\./, ''));
    expect(pdf).not.toContain('Auditor started early');
  });
});
