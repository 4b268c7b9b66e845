import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Actor } from '@rag-ledger/domain';
import { safeEntryName } from '../../apps/api/src/evidence/zip/zip-entry-name';
import { evidenceInPlace } from '../support/evidence-in-place';
import { readLog } from '../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const PERIOD = 'from=2013-11-15&to=2013-12-12';
/** The period's end on the UK wall clock (GMT in December), as zipinfo prints an entry's time (DOS times count in 2 s). */
const ENTRY_TIME = '20131212.235958';

type Attached = Awaited<ReturnType<ReturnType<typeof evidenceInPlace>['attach']>>;

/**
 * Evidence packs list every document on the plan's record in the period with its hash and
 * its state at the end; `?format=zip` gives one ZIP with the HTML, the CSVs, every file still
 * held, SHA256SUMS and manifest.json, which the system's unzip and sha256sum check offline.
 */
describe('evidence documents in the packs, and the ZIP pack', () => {
  const clock = new TestClock();
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const auditor = tokenFor('auditor', { user: 'ofsted', name: 'Ofsted Inspector' });
  const ownerToken = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
  const boardToken = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const owner: Actor = { id: 'ab', name: 'Andrea Brown', role: 'owner' };
  const ada: Actor = { id: 'ada', name: 'Ada Admin', role: 'admin' };
  let t: TestApp;
  let evidence: ReturnType<typeof evidenceInPlace>;
  let last = 0;
  const tmp: string[] = [];
  const docs = {} as Record<'before' | 'goneBefore' | 'minutes' | 'hostile' | 'withdrawn' | 'erased' | 'sameBytes' | 'measure' | 'after', Attached>;
  const hostileName = '..Réunion "du" <img src=x onerror=alert(1)>: 日本 *?.txt';

  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).set(bearer(admin)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = Math.max(last, res.body.position);
  };
  const note = (attached: Attached) => {
    last = Math.max(last, attached.position);
    return attached;
  };
  const get = (path: string, token = auditor) => t.http().get(path).set(bearer(token));
  const getZip = async (query = PERIOD, token = auditor) => {
    const res = await get(`/api/plans/SIP/evidence?${query}&format=zip&minPosition=${last}`, token)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return res as typeof res & { body: Buffer };
  };
  /** The ZIP written to a folder and extracted there by the system's unzip (which must succeed). */
  const extract = async (zip: Buffer) => {
    const folder = mkdtempSync(join(tmpdir(), 'rag-ledger-zip-'));
    tmp.push(folder);
    writeFileSync(join(folder, 'pack.zip'), zip);
    await run('unzip', ['-q', 'pack.zip', '-d', 'out'], { cwd: folder });
    const out = join(folder, 'out');
    return { folder, out, read: (path: string) => readFileSync(join(out, path), 'utf8') };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    evidence = evidenceInPlace(t);
    clock.set('2013-11-01T09:00:00.000Z');
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans/SIP/actions', { id: 'A1', ref: '1.1', workstreamId: 'SIP.PS', title: 'Re-establish the Improvement Board', owners: ['AB'] });
    await post('/api/plans/SIP/actions', { id: 'A2', ref: '1.2', workstreamId: 'SIP.PS', title: 'Audit S47 <strategy> meetings', owners: ['AB'] });
    await post('/api/plans/SIP/measures', { id: 'M1', name: '% of children seen within 5 days', unit: 'percent', polarity: 'higher', amberTolerance: 5 });
    const a1 = { kind: 'action' as const, actionId: 'A1' };
    const a2 = { kind: 'action' as const, actionId: 'A2' };
    // Before the period: one still held when it begins (listed), one withdrawn before it (not listed).
    clock.set('2013-11-05T10:00:00.000Z');
    docs.before = note(await evidence.attach({ actor: owner, planId: 'SIP', subject: a1, fileName: 'Terms of reference.txt', bytes: 'Terms of reference of the Improvement Board\n', description: 'Agreed terms' }));
    docs.goneBefore = note(await evidence.attach({ actor: owner, planId: 'SIP', subject: a1, fileName: 'Wrong file.txt', bytes: 'Not evidence at all\n' }));
    last = Math.max(last, await evidence.withdraw(owner, docs.goneBefore.documentId, 'Attached by mistake'));
    // In the period.
    clock.set('2013-11-20T15:30:00.000Z');
    docs.minutes = note(await evidence.attach({ actor: owner, planId: 'SIP', subject: a1, fileName: 'Board minutes 2013-11.pdf', bytes: '%PDF-1.4 minutes of the board, 14 November 2013\n', mediaType: 'application/pdf', description: '=The minutes that show the board was re-established' }));
    docs.hostile = note(await evidence.attach({ actor: owner, planId: 'SIP', subject: a2, fileName: hostileName, bytes: 'S47 audit: 40 cases read\n', description: '<script>alert(1)</script>' }));
    docs.withdrawn = note(await evidence.attach({ actor: owner, planId: 'SIP', subject: a2, fileName: 'draft procedure.txt', bytes: 'Draft procedure\n' }));
    docs.erased = note(await evidence.attach({ actor: owner, planId: 'SIP', subject: a2, fileName: 'case notes.txt', bytes: 'Names a child in full\n' }));
    // The same bytes again: the store keeps them once, so erasing the other document's file erases this one's.
    docs.sameBytes = note(await evidence.attach({ actor: owner, planId: 'SIP', subject: a1, fileName: 'case notes (copy).txt', bytes: 'Names a child in full\n' }));
    docs.measure = note(await evidence.attach({ actor: owner, planId: 'SIP', subject: { kind: 'measure', measureId: 'M1', period: '2013-11' }, fileName: 'Performance report November.csv', bytes: 'month,seen within 5 days\n2013-11,78\n', mediaType: 'text/csv' }));
    clock.set('2013-12-05T11:00:00.000Z');
    last = Math.max(last, await evidence.withdraw(owner, docs.withdrawn.documentId, 'Superseded by the revised procedure'));
    last = Math.max(last, await evidence.erase(ada, docs.erased.documentId, docs.erased.sha256, 'Names a child: data-protection case DP-2013-114'));
    // After the period: not in it.
    clock.set('2014-01-10T09:00:00.000Z');
    docs.after = note(await evidence.attach({ actor: owner, planId: 'SIP', subject: a1, fileName: 'January minutes.txt', bytes: 'Minutes, January 2014\n' }));
    clock.set('2014-02-01T10:00:00.000Z');
  });
  afterAll(async () => {
    await t?.close();
    removeDataDir(t.dataDir);
    for (const folder of tmp) rmSync(folder, { recursive: true, force: true });
  });

  const listed = ['before', 'minutes', 'hostile', 'withdrawn', 'erased', 'sameBytes', 'measure'] as const;

  describe('the HTML and CSV packs', () => {
    it('list every document on the record in the period, with subject, file, type, size, SHA-256, who and when, and its state at the end', async () => {
      const html = (await get(`/api/plans/SIP/evidence?${PERIOD}&format=html&minPosition=${last}`).expect(200)).text;
      const section = html.slice(html.indexOf('<h2>Evidence documents</h2>'), html.indexOf('<h2>Every event in the period</h2>'));
      const rows = section.split('<tr>').slice(2);
      // In the order attached; withdrawn before the period or attached after it: not listed.
      expect(rows.map((row) => /document ([0-9a-f-]{36})/.exec(row)?.[1])).toEqual(listed.map((key) => docs[key].documentId));
      const [before, minutes, hostile, withdrawn, erased, , measure] = rows;
      expect(before).toContain('1.1 Re-establish the Improvement Board');
      expect(before).toContain('Agreed terms');
      expect(before).toContain(`log position ${docs.before.position}`);
      expect(before).toMatch(/<td>held<\/td>/);
      expect(minutes).toContain('Board minutes 2013-11.pdf');
      expect(minutes).toContain('PDF (application/pdf)');
      expect(minutes).toContain(`${docs.minutes.size} bytes`);
      expect(minutes).toContain(docs.minutes.sha256);
      expect(minutes).toContain('Andrea Brown (owner), 2013-11-20T15:30:00.000Z');
      // Every text escaped: the file name, the description, the action's title.
      expect(hostile).toContain('..Réunion &quot;du&quot; &lt;img src=x onerror=alert(1)&gt;: 日本 *?.txt');
      expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(hostile).toContain('1.2 Audit S47 &lt;strategy&gt; meetings');
      expect(section).not.toContain('<script>');
      expect(section).not.toContain('<img');
      expect(withdrawn).toContain('withdrawn: Superseded by the revised procedure');
      expect(withdrawn).toContain(`${docs.withdrawn.position}, `);
      expect(erased).toContain('erased (the bytes deleted): Names a child: data-protection case DP-2013-114');
      expect(erased).toContain('Erased by Ada Admin (admin), 2013-12-05T11:00:00.000Z');
      expect(erased).toContain(docs.erased.sha256); // the record keeps the hash of what was erased
      expect(measure).toContain('% of children seen within 5 days, 2013-11');
      // The plain HTML pack has no ZIP column.
      expect(section).not.toContain('File in this ZIP');
    });

    it('name each evidence event in the CSV with its file and hash, formula-looking cells made harmless', async () => {
      const csv = (await get(`/api/plans/SIP/evidence?${PERIOD}&format=csv`).expect(200)).text;
      expect(csv).toContain(`Evidence attached: Board minutes 2013-11.pdf (application/pdf, ${docs.minutes.size} bytes, SHA-256 ${docs.minutes.sha256})`);
      expect(csv).toContain("'=The minutes that show the board was re-established");
      expect(csv).toContain(`Evidence withdrawn: document ${docs.withdrawn.documentId}`);
      expect(csv).toContain(`Evidence erased (the bytes deleted): document ${docs.erased.documentId}, SHA-256 ${docs.erased.sha256}`);
      expect(csv).toContain(`for measure M1 (2013-11)`);
      expect(csv).not.toContain('Terms of reference.txt'); // attached before the period: not an event in it
    });
  });

  describe('the ZIP pack', () => {
    it('is a ZIP unzip extracts and sha256sum -c checks, in a fixed order, with the files still held under safe names', async () => {
      const res = await getZip();
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.headers['content-disposition']).toBe('attachment; filename="evidence-SIP-2013-11-15-to-2013-12-12.zip"');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const { folder, out, read } = await extract(res.body);
      await run('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: out });

      const path = (key: keyof typeof docs, name: string) => `documents/${docs[key].documentId}/${name}`;
      const hostilePath = path('hostile', '__Reunion _du_ _img src_x onerror_alert(1)__ __ __.txt');
      const held = [path('before', 'Terms of reference.txt'), path('minutes', 'Board minutes 2013-11.pdf'), hostilePath, path('withdrawn', 'draft procedure.txt'), path('measure', 'Performance report November.csv')];
      const entries = (await run('unzip', ['-Z1', 'pack.zip'], { cwd: folder })).stdout.trim().split('\n');
      expect(entries).toEqual(['evidence-pack.html', 'evidence-pack.csv', 'evidence-documents.csv', ...held, 'SHA256SUMS', 'manifest.json']);
      // The entries' time is the period's end, never the time the ZIP was made.
      const times = (await run('unzip', ['-Z', '-T', 'pack.zip'], { cwd: folder })).stdout.split('\n').filter((line) => /^-/.test(line));
      expect(times).toHaveLength(entries.length);
      for (const line of times) expect(line).toContain(ENTRY_TIME);

      // Every file but the two that describe them is in SHA256SUMS, a document with the hash its event recorded.
      const sums = read('SHA256SUMS');
      expect(sums.endsWith('\n')).toBe(true);
      expect(sums.trim().split('\n').map((line) => line.split('  ')[1])).toEqual(entries.filter((e) => e !== 'SHA256SUMS' && e !== 'manifest.json'));
      expect(sums).toContain(`${docs.minutes.sha256}  ${path('minutes', 'Board minutes 2013-11.pdf')}\n`);
      expect(readFileSync(join(out, hostilePath), 'utf8')).toBe('S47 audit: 40 cases read\n');
      // The erased file is not there; the HTML inside says where each file is, or why it is not.
      expect(readdirSync(join(out, 'documents'))).not.toContain(docs.erased.documentId);
      const html = read('evidence-pack.html');
      expect(html).toContain('<th>File in this ZIP</th>');
      expect(html).toContain(`<code>${path('minutes', 'Board minutes 2013-11.pdf')}</code>`);
      expect(html).toContain('not included: the bytes were erased');
      // The CSVs are the renderers' own.
      expect(read('evidence-pack.csv')).toBe((await get(`/api/plans/SIP/evidence?${PERIOD}&format=csv`).expect(200)).text);
      const documentsCsv = read('evidence-documents.csv').replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(documentsCsv[0]).toBe('document id,action or measure,file name,media type,size (bytes),sha256,description,attached at,attached by,attached at position,state at the end of the period,reason,log positions,file in this ZIP');
      expect(documentsCsv).toHaveLength(1 + listed.length);
      expect(documentsCsv.find((row) => row.startsWith(docs.minutes.documentId))).toContain(`,'=The minutes that show the board was re-established,`);
    });

    it('has a manifest that agrees with the log: each document, its path or why none, its state and the positions of its events', async () => {
      const { read } = await extract((await getZip()).body);
      const manifest = JSON.parse(read('manifest.json'));
      const log = await readLog(t.dataDir);
      const end = log.filter((e) => (e.metadata.at as string) <= '2013-12-12T23:59:59.999Z');
      expect(manifest).toMatchObject({
        plan: { id: 'SIP', title: 'Strategic Improvement Plan' },
        period: { from: '2013-11-15T00:00:00.000Z', to: '2013-12-12T23:59:59.999Z', fromDay: '2013-11-15', toDay: '2013-12-12' },
        log: { position: Number(end[end.length - 1].position), chainHead: (end[end.length - 1].metadata as unknown as { hash: string }).hash },
        generatedAt: '2014-02-01T10:00:00.000Z',
      });
      expect(manifest.log.stamp).toBe(`${manifest.log.position}:${manifest.log.chainHead}`);
      expect(manifest.documents.map((d: { documentId: string }) => d.documentId)).toEqual(listed.map((key) => docs[key].documentId));
      for (const d of manifest.documents) {
        const events = end.filter((e) => e.streamId === `evidence-${d.documentId}`);
        const attached = events[0];
        expect(attached.type).toBe('EvidenceAttached');
        expect(d).toMatchObject({
          fileName: attached.data.fileName,
          mediaType: attached.data.mediaType,
          size: attached.data.size,
          sha256: attached.data.sha256,
          description: attached.data.description,
          subject: attached.data.subject,
          attached: { at: attached.metadata.at, by: { id: 'ab', name: 'Andrea Brown', role: 'owner' }, position: Number(attached.position) },
          positions: events.map((e) => Number(e.position)),
        });
      }
      const byId = new Map(manifest.documents.map((d: { documentId: string }) => [d.documentId, d]));
      expect(byId.get(docs.withdrawn.documentId)).toMatchObject({ state: 'withdrawn', file: 'included', withdrawn: { reason: 'Superseded by the revised procedure' } });
      expect(byId.get(docs.erased.documentId)).toMatchObject({ state: 'erased', file: 'erased', path: null, erased: { reason: 'Names a child: data-protection case DP-2013-114', by: { id: 'ada' } } });
      // Still held on the record at the period's end; its bytes went with the other document's erasure.
      expect(byId.get(docs.sameBytes.documentId)).toMatchObject({ state: 'held', erased: null, file: 'erased', path: null });
      expect(byId.get(docs.hostile.documentId)).toMatchObject({ fileName: hostileName, file: 'included', path: expect.stringMatching(/^documents\/[0-9a-f-]{36}\/[A-Za-z0-9 ._\-()[\]]+$/) });
      expect(byId.get(docs.measure.documentId)).toMatchObject({ subject: { kind: 'measure', measureId: 'M1', period: '2013-11' }, subjectText: '% of children seen within 5 days, 2013-11' });
    });

    it('is byte-identical for the same request at the same time, and apart from the generation time at another', async () => {
      const first = (await getZip()).body;
      const again = (await getZip()).body;
      expect(Buffer.compare(first, again)).toBe(0);
      clock.set('2014-06-01T16:45:00.000Z');
      const later = (await getZip()).body;
      clock.set('2014-02-01T10:00:00.000Z');
      expect(Buffer.compare(first, later)).not.toBe(0);
      const [a, b] = [await extract(first), await extract(later)];
      const entries = (await run('unzip', ['-Z1', 'pack.zip'], { cwd: a.folder })).stdout.trim().split('\n');
      expect((await run('unzip', ['-Z1', 'pack.zip'], { cwd: b.folder })).stdout.trim().split('\n')).toEqual(entries);
      const withoutGenerated = (text: string) => text.replace(/Generated: [^<]*/, 'Generated: -').replace(/"generatedAt": "[^"]*"/, '"generatedAt": "-"');
      // SHA256SUMS differs only in the HTML's hash, which covers its generation time.
      const withoutHtmlSum = (sums: string) => sums.replace(/^[0-9a-f]{64} {2}evidence-pack\.html\n/m, '');
      for (const entry of entries) {
        if (entry === 'evidence-pack.html' || entry === 'manifest.json') {
          expect(a.read(entry)).not.toBe(b.read(entry));
          expect(withoutGenerated(a.read(entry))).toBe(withoutGenerated(b.read(entry)));
        } else if (entry === 'SHA256SUMS') {
          expect(a.read(entry)).not.toBe(b.read(entry));
          expect(withoutHtmlSum(a.read(entry))).toBe(withoutHtmlSum(b.read(entry)));
        } else {
          expect(a.read(entry)).toBe(b.read(entry));
        }
      }
    });

    it('leaves out a file missing from the store and says so, still a ZIP sha256sum checks', async () => {
      const original = readFileSync(docs.measure.path);
      unlinkSync(docs.measure.path);
      try {
        const { out, read } = await extract((await getZip()).body);
        await run('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: out });
        expect(readdirSync(join(out, 'documents'))).not.toContain(docs.measure.documentId);
        const manifest = JSON.parse(read('manifest.json'));
        expect(manifest.documents.find((d: { documentId: string }) => d.documentId === docs.measure.documentId)).toMatchObject({ file: 'missing', path: null, state: 'held' });
        expect(read('evidence-pack.html')).toContain('not included: missing from the document store (see npm run verify)');
      } finally {
        writeFileSync(docs.measure.path, original);
      }
    });

    it('sends a changed file as it is, marked changed in the manifest, so sha256sum -c names it', async () => {
      chmodSync(docs.before.path, 0o644);
      writeFileSync(docs.before.path, 'Terms of reference, rewritten later\n');
      try {
        const { out, read } = await extract((await getZip()).body);
        const check = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out }).then(
          () => ({ code: 0, stdout: '' }),
          (e: { code: number; stdout: string }) => e,
        );
        expect(check.code).toBe(1);
        expect(check.stdout).toContain(`documents/${docs.before.documentId}/Terms of reference.txt: FAILED`);
        const manifest = JSON.parse(read('manifest.json'));
        expect(manifest.documents[0]).toMatchObject({ documentId: docs.before.documentId, file: 'changed', actualSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      } finally {
        writeFileSync(docs.before.path, 'Terms of reference of the Improvement Board\n');
      }
    });

    it('is for auditors and admins, with the pack\'s own period rules', async () => {
      expect((await getZip(PERIOD, boardToken)).status).toBe(403);
      expect((await getZip(PERIOD, ownerToken)).status).toBe(403);
      expect((await getZip(PERIOD, admin)).status).toBe(200);
      expect((await getZip('from=2014-01-01&to=2013-01-01')).status).toBe(400);
      await get('/api/plans/NOPE/evidence?format=zip').expect(404);
    });

    // Last: it erases a file the tests before it include.
    it('leaves out a file erased after the period: held at its end, its bytes gone now', async () => {
      clock.set('2014-03-01T10:00:00.000Z');
      last = Math.max(last, await evidence.erase(ada, docs.minutes.documentId, docs.minutes.sha256, 'Shows a child\'s name: data-protection case DP-2014-007'));
      const { out, read } = await extract((await getZip()).body);
      await run('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: out });
      expect(readdirSync(join(out, 'documents'))).not.toContain(docs.minutes.documentId);
      const manifest = JSON.parse(read('manifest.json'));
      // The pack is as at the period's end (held then), and says what became of the bytes since.
      expect(manifest.documents.find((d: { documentId: string }) => d.documentId === docs.minutes.documentId)).toMatchObject({ state: 'held', erased: null, file: 'erased', path: null });
      expect(read('evidence-pack.html')).toMatch(new RegExp(`document ${docs.minutes.documentId}[^\\n]*not included: the bytes were erased`));
    });
  });
});

describe('safe ZIP entry names', () => {
  it.each([
    ['../../etc/passwd', '___.._etc_passwd'],
    ['..\\windows\\system32', '___windows_system32'],
    ['.hidden', '_hidden'],
    ['Réunion du conseil.pdf', 'Reunion du conseil.pdf'],
    ['"quoted" name.docx', '_quoted_ name.docx'],
    ['CON.txt', '_CON.txt'],
    ['trailing dot. ', 'trailing dot'],
    ['日本語', 'file___'],
    ['Report (final) [v2] - copy_1.xlsx', 'Report (final) [v2] - copy_1.xlsx'],
  ])('%s -> %s', (name, safe) => {
    expect(safeEntryName(name)).toBe(safe);
  });

  it('keeps the extension of a long name and stays within 120 characters', () => {
    const safe = safeEntryName(`${'a'.repeat(250)}.pdf`);
    expect(safe).toHaveLength(120);
    expect(safe.endsWith('.pdf')).toBe(true);
  });
});
