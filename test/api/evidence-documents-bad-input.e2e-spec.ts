import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ACTION, BOUNDARY, MINUTES, multipart, MULTIPART_TYPE, startEvidenceApp, TOKENS, type EvidenceApp, type Part } from '../support/evidence-app';
import { gif, pdf, windowsProgram, zipBombAsDocx } from '../support/evidence-files';
import { removeDataDir } from '../support/test-app';

const MB = 1024 * 1024;

/** What a raw HTTP request got back: its status and body, or the error that ended it (the server may close the connection early). */
interface RawAnswer {
  status?: number;
  body: string;
  error?: string;
}

/**
 * Bad uploads: each is answered with a clear 4xx, writes no event, and leaves nothing in the
 * store (no holding file in incoming/, no new kept file). The app allows 1 MB files.
 */
describe('evidence documents: bad input', () => {
  let t: EvidenceApp;
  let port: number;
  let kept: string[];

  beforeAll(async () => {
    t = await startEvidenceApp({ env: { RAG_LEDGER_MAX_EVIDENCE_MB: '1' } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    // One good upload first, so "nothing new kept" is about something.
    expect((await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'minutes.txt', body: MINUTES })).status).toBe(201);
    kept = t.storeFiles().kept;
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  const raw = (headers: Record<string, string | number>, write: (req: http.ClientRequest) => void): Promise<RawAnswer> =>
    new Promise((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `${ACTION}/evidence`, headers: { Authorization: `Bearer ${TOKENS.admin}`, ...headers } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      });
      req.on('error', (error) => resolve({ body: '', error: error.message }));
      write(req);
    });

  /** The answer, and then: no evidence event beyond the first upload's, nothing being received, nothing new kept. */
  const expectNothingWritten = async () => {
    expect((await t.evidenceEvents()).length).toBe(1);
    expect(t.storeFiles()).toEqual({ incoming: [], kept });
  };
  const refused = async (res: { status: number; body: { message?: unknown } }, status: number, message: string | RegExp) => {
    expect({ status: res.status, message: res.body.message }).toEqual({ status, message: typeof message === 'string' ? message : expect.stringMatching(message) });
    await expectNothingWritten();
  };
  const send = (parts: Part[], contentType = MULTIPART_TYPE) =>
    t.http().post(`${ACTION}/evidence`).set({ Authorization: `Bearer ${TOKENS.admin}`, 'Content-Type': contentType }).send(multipart(parts));

  it('refuses a file over RAG_LEDGER_MAX_EVIDENCE_MB with 413, read to its end or refused by its declared length before a byte is read', async () => {
    const big = Buffer.alloc(MB + 1, 'a');
    await refused(await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'big.txt', body: big }), 413, 'The file is larger than 1 MB, the most one evidence file may be.');
    // Exactly the limit is allowed (and is the only thing kept here, so the check after it holds).
    const atLimit = await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'exact.txt', body: Buffer.alloc(MB, 'b') });
    expect(atLimit.status).toBe(201);
    kept = t.storeFiles().kept;
    const events = (await t.evidenceEvents()).length;
    // A declared length over the request's limit (file + 1 MB): 413 as soon as the headers arrive, before a byte of the body.
    const answer = await raw({ 'Content-Type': MULTIPART_TYPE, 'Content-Length': 3 * MB }, (req) => req.flushHeaders());
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).message).toBe('The file is larger than 1 MB, the most one evidence file may be.');
    expect((await t.evidenceEvents()).length).toBe(events);
    expect(t.storeFiles()).toEqual({ incoming: [], kept });
    // The server goes on taking uploads.
    expect((await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'noop.txt', body: 'x' })).status).toBe(201);
    kept = t.storeFiles().kept;
  });

  describe('every other refusal, after the uploads above', () => {
    let baseline: number;
    beforeAll(async () => {
      baseline = (await t.evidenceEvents()).length;
      kept = t.storeFiles().kept;
    });
    const nothingWritten = async () => {
      expect((await t.evidenceEvents()).length).toBe(baseline);
      expect(t.storeFiles()).toEqual({ incoming: [], kept });
    };
    const refusedHere = async (res: { status: number; body: { message?: unknown } }, status: number, message: string | RegExp) => {
      expect({ status: res.status, message: res.body.message }).toEqual({ status, message: typeof message === 'string' ? message : expect.stringMatching(message) });
      await nothingWritten();
    };

    it('refuses kinds of file the tracker does not keep with 415, whatever their name says: a program, a GIF, HTML, a ZIP bomb dressed as Word, a PDF with JavaScript', async () => {
      await refusedHere(await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'minutes.pdf', body: windowsProgram() }), 415, /./);
      await refusedHere(await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'photo.png', body: gif() }), 415, /./);
      await refusedHere(await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'notes.txt', body: '<!doctype html><script>alert(1)</script>' }), 415, /HTML/);
      await refusedHere(await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'report.docx', body: await zipBombAsDocx(200 * MB) }), 415, /./);
      await refusedHere(
        await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'minutes.pdf', body: pdf({ catalog: '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>' }) }),
        415,
        /^This PDF carries JavaScript/,
      );
    });

    it('refuses a body that is not multipart with 415, and an empty file with 400', async () => {
      const json = await t.http().post(`${ACTION}/evidence`).set({ Authorization: `Bearer ${TOKENS.admin}` }).send({ file: 'minutes' });
      await refusedHere(json, 415, /^Send the file as multipart\/form-data/);
      await refusedHere(await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'empty.txt', body: '' }), 400, '"empty.txt" is empty: there is nothing in it to keep as evidence.');
    });

    it('refuses names with a folder in them, control characters or 300 characters, before reading the file', async () => {
      await refusedHere(await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: '../../etc/passwd.txt', body: 'x' }), 400, /has a folder path in it/);
      await refusedHere(await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'C:\\Users\\ab\\minutes.txt', body: 'x' }), 400, /has a folder path in it/);
      await refusedHere(await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'minutes\u202etxt.exe', body: 'x', star: true }), 400, /control or direction-changing characters/);
      await refusedHere(await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: 'minutes\u0007.txt', body: 'x', star: true }), 400, /control or direction-changing characters/);
      await refusedHere(await t.upload(`${ACTION}/evidence`, TOKENS.admin, { name: `${'a'.repeat(296)}.txt`, body: 'x' }), 400, /is 300 characters long; 255 is the most/);
    });

    it('refuses two files, no file, a file in another part, an unknown field and a description over 2,000 characters with 400', async () => {
      const file = (filename: string): Part => ({ name: 'file', filename, body: 'some minutes' });
      await refusedHere(await send([file('a.txt'), file('b.txt')]), 400, 'Attach one file at a time: this upload carried more than one.');
      await refusedHere(await send([{ name: 'description', body: 'no file' }]), 400, 'The upload carried no file: send it in a part named "file".');
      await refusedHere(await send([{ name: 'document', filename: 'a.txt', body: 'x' }]), 400, 'Send the file in the part named "file", not "document".');
      await refusedHere(await send([{ name: 'owner', body: 'AB' }, file('a.txt')]), 400, 'This upload takes the fields "file", "description"; "owner" is not one of them.');
      await refusedHere(await send([file('a.txt'), { name: 'description', body: 'd'.repeat(2001) }]), 400, 'The description is longer than 2000 characters: shorten it.');
      await refusedHere(await send([file('a.txt')], 'multipart/form-data'), 400, /^The upload is not a multipart form this server can read/);
    });

    it('refuses a truncated multipart body with 400: the part written so far is not kept', async () => {
      const whole = multipart([{ name: 'file', filename: 'minutes.txt', body: Buffer.alloc(200 * 1024, 'm') }]);
      const cut = whole.subarray(0, whole.length - 100 * 1024);
      const answer = await raw({ 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Content-Length': cut.length }, (req) => req.end(cut));
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).message).toMatch(/^The upload was cut short or malformed \(Unexpected end of form\): nothing was kept/);
      await nothingWritten();
    });

    it('keeps nothing of an upload whose client goes away half way', async () => {
      const whole = multipart([{ name: 'file', filename: 'minutes.txt', body: Buffer.alloc(900 * 1024, 'm') }]);
      let receiving = false;
      const answer = raw({ 'Content-Type': MULTIPART_TYPE, 'Content-Length': whole.length }, (req) => {
        req.write(whole.subarray(0, whole.length / 2));
        // Once the server is receiving the file (its holding file exists), the client goes.
        void (async () => {
          for (let i = 0; i < 200 && !receiving; i++) {
            receiving = t.storeFiles().incoming.length === 1;
            if (!receiving) await sleep(25);
          }
          req.destroy();
        })();
      });
      expect((await answer).error).toBeDefined();
      expect(receiving).toBe(true);
      // The server cleans up when it sees the connection close: wait for it, within a bound.
      for (let i = 0; i < 200 && t.storeFiles().incoming.length > 0; i++) await sleep(25);
      await nothingWritten();
    });
  });
});
