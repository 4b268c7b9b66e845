import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { readLog, type LoggedEvent } from './read-log';
import { bearer, startTestApp, TestClock, tokenFor, type TestApp } from './test-app';

/**
 * A tracker for the evidence specs: plan SIP with two actions (SIP.PS.1 printed as owned by
 * "AB", SIP.PS.2 by "CM"), plan EDU with a measure that has a target for 2014 and a value for
 * 2013, and Andrea Brown (AB) in the directory. The tokens are the people the specs act as.
 */
export const TOKENS = {
  admin: tokenFor('admin', { user: 'ada', name: 'Ada Admin' }),
  /** Owner of plan SIP. */
  planOwner: tokenFor('owner', { user: 'po', name: 'Pat Owner', plans: ['SIP'] }),
  /** Named as the owner of action SIP.PS.1 (initials AB), owner of no plan. */
  namedOwner: tokenFor('owner', { user: 'ab', name: 'Andrea Brown' }),
  /** Owner of plan EDU only. */
  otherOwner: tokenFor('owner', { user: 'cs', name: 'Chris Snudden', plans: ['EDU'] }),
  board: tokenFor('board', { user: 'chair', name: 'Independent Chair' }),
  auditor: tokenFor('auditor', { user: 'aud', name: 'Ann Auditor' }),
};

export const ACTION = '/api/actions/SIP.PS.1';
export const OTHER_ACTION = '/api/actions/SIP.PS.2';
export const MEASURE = '/api/measures/EDU.M.1';

export interface Part {
  name: string;
  /** A file part: its name as the client sends it (raw, in the header's quotes). */
  filename?: string;
  /** Or the name sent as RFC 5987 `filename*=UTF-8''...` (any character, quotes included). */
  filenameStar?: string;
  contentType?: string;
  body: Buffer | string;
}

export const BOUNDARY = '----rag-ledger-evidence-boundary';

/** A multipart/form-data body written out byte for byte, so the specs control every part (and can spoil it). */
export function multipart(parts: Part[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const name = part.filenameStar !== undefined ? `; filename*=UTF-8''${encodeURIComponent(part.filenameStar)}` : part.filename !== undefined ? `; filename="${part.filename}"` : '';
    const disposition = `form-data; name="${part.name}"${name}`;
    const headers = [`Content-Disposition: ${disposition}`, ...(name !== '' ? [`Content-Type: ${part.contentType ?? 'application/octet-stream'}`] : [])];
    chunks.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`, 'utf8'), Buffer.from(part.body), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

export const MINUTES = Buffer.from('Minutes of the Improvement Board, 12 November 2013.\nThe MASH was re-established.\n');

export interface EvidenceApp extends TestApp {
  clock: TestClock;
  /** POST a file (and fields) to `path` (an action's or measure's evidence route). */
  upload(path: string, token: string, file: { name: string; body: Buffer | string; star?: boolean }, fields?: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  get(path: string, token?: string): Promise<Response>;
  post(path: string, token: string, body: object): Promise<Response>;
  /** The evidence events of the log, in order. */
  evidenceEvents(): Promise<LoggedEvent[]>;
  /** What the document store holds: files being received, and files kept. */
  storeFiles(): { incoming: string[]; kept: string[] };
}

export async function startEvidenceApp(options: { env?: Record<string, string> } = {}): Promise<EvidenceApp> {
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  const t = await startTestApp({ clock, env: options.env });
  const root = join(t.dataDir, 'evidence');
  const app: EvidenceApp = {
    ...t,
    clock,
    upload: (path, token, file, fields = {}, headers = {}) => {
      const parts: Part[] = [...Object.entries(fields).map(([name, body]) => ({ name, body })), { name: 'file', ...(file.star ? { filenameStar: file.name } : { filename: file.name }), body: file.body }];
      return t.http().post(path).set(bearer(token)).set('Content-Type', MULTIPART_TYPE).set(headers).send(multipart(parts));
    },
    get: (path, token = TOKENS.board) => t.http().get(path).set(bearer(token)).then((r) => r),
    post: (path, token, body) => t.http().post(path).set(bearer(token)).send(body).then((r) => r),
    evidenceEvents: async () => (await readLog(t.dataDir)).filter((e) => e.streamId.startsWith('evidence-')),
    storeFiles: () => ({
      incoming: existsSync(join(root, 'incoming')) ? readdirSync(join(root, 'incoming')) : [],
      kept: existsSync(join(root, 'sha256')) ? readdirSync(join(root, 'sha256'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [],
    }),
  };
  const seed = async (path: string, body: object) => {
    const res = await app.post(path, TOKENS.admin, body);
    if (res.status >= 300) throw new Error(`seeding ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await seed('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' });
  await seed('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice standards' });
  await seed('/api/plans/SIP/actions', { id: 'SIP.PS.1', ref: '1', workstreamId: 'SIP.PS', title: 'Re-establish the MASH board', owners: ['AB'] });
  await seed('/api/plans/SIP/actions', { id: 'SIP.PS.2', ref: '2', workstreamId: 'SIP.PS', title: 'Audit strategy meetings', owners: ['CM'] });
  await seed('/api/plans', { id: 'EDU', kind: 'education', title: 'A Good School for Every Norfolk Learner' });
  await seed('/api/plans/EDU/measures', { id: 'EDU.M.1', name: 'Primary schools judged good or better', unit: 'percent', polarity: 'higher', amberTolerance: 3 });
  await seed(`${MEASURE}/targets`, { period: '2014', value: 79 });
  await seed(`${MEASURE}/values`, { period: '2013', value: 64 });
  await seed('/api/people', { id: 'ab', name: 'Andrea Brown', initials: 'AB' });
  return app;
}

/** The answer's status and, when it is not the one expected, its body (so a failure shows why). */
export const statusOf = (res: Response, expected: number) => ({ status: res.status, body: res.status === expected ? undefined : res.body });
