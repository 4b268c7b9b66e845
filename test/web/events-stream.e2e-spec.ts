import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_STREAMS_PER_PERSON } from '../../apps/api/src/events/stream-limiter';
import { bearer, removeDataDir, startTestApp, tokenFor, type TestApp } from '../support/test-app';

interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** An open GET /api/events/stream, read message by message. */
class StreamReader {
  readonly messages: SseMessage[] = [];
  readonly raw: string[] = [];
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  ended = false;
  private buffer = '';
  private waiters: Array<() => void> = [];
  private request: http.ClientRequest;
  readonly opened: Promise<void>;

  constructor(port: number, token: string) {
    this.opened = new Promise((resolve, reject) => {
      this.request = http.get({ host: '127.0.0.1', port, agent: false, path: '/api/events/stream', headers: { ...bearer(token), Accept: 'text/event-stream' } }, (res) => {
        this.status = res.statusCode ?? 0;
        this.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          this.raw.push(chunk);
          this.buffer += chunk;
          let end: number;
          while ((end = this.buffer.indexOf('\n\n')) >= 0) {
            const block = this.buffer.slice(0, end);
            this.buffer = this.buffer.slice(end + 2);
            const message: SseMessage = { event: 'message', data: '' };
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) message.event = line.slice(7);
              else if (line.startsWith('data: ')) data.push(line.slice(6));
              else if (line.startsWith('id: ')) message.id = line.slice(4);
            }
            if (data.length > 0) {
              message.data = data.join('\n');
              this.messages.push(message);
            }
          }
          this.wake();
        });
        res.on('end', () => {
          this.ended = true;
          this.wake();
        });
        resolve();
      });
      this.request.on('error', (error) => {
        if (!this.ended) reject(error);
      });
    });
  }

  async waitFor(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; received: ${JSON.stringify(this.raw)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close(): void {
    this.request.destroy();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

describe('GET /api/events/stream (live board updates)', () => {
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  let t: TestApp;
  let port: number;
  const open: StreamReader[] = [];
  const stream = async (token: string) => {
    const reader = new StreamReader(port, token);
    open.push(reader);
    await reader.opened;
    return reader;
  };
  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).set(bearer(admin)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; revision: number; position: number };
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const reader of open) reader.close();
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('needs a token: 401 without one, or with a bad one', async () => {
    const none = await t.http().get('/api/events/stream').expect(401);
    expect(none.body.message).toMatch(/bearer token is required/);
    await t.http().get('/api/events/stream').set(bearer('not-a-token')).expect(401);
    await t.http().get('/api/events/stream').set(bearer(tokenFor('board', { secret: 'another-secret-0123456789abcdef-xyz' }))).expect(401);
  });

  it.each(['admin', 'owner', 'board', 'auditor'] as const)('is open to every role (%s)', async (role) => {
    const reader = await stream(tokenFor(role, { plans: role === 'owner' ? ['SIP'] : undefined }));
    expect(reader.status).toBe(200);
    expect(reader.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(reader.headers['cache-control']).toMatch(/no-cache/);
    await reader.waitFor(() => reader.messages.length > 0, 'the ready message');
    expect(reader.messages[0].event).toBe('ready');
    expect(JSON.parse(reader.messages[0].data)).toEqual({ position: expect.any(Number) });
    reader.close();
  });

  it('sends each committed batch with ids and types only, and a read at its position includes the change', async () => {
    const board = await stream(tokenFor('board', { user: 'chair', name: 'Independent Chair' }));
    await board.waitFor(() => board.messages.some((m) => m.event === 'ready'), 'the ready message');
    const ready = JSON.parse(board.messages[0].data);

    const plan = await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Secret <b>plan</b> title' });
    await board.waitFor(() => board.messages.some((m) => m.event === 'message'), 'the first batch');
    const first = board.messages.find((m) => m.event === 'message')!;
    const batch = JSON.parse(first.data);
    expect(batch).toEqual({
      position: plan.position,
      events: [{ type: 'PlanCreated', streamId: 'plan-SIP', planId: 'SIP', actionId: null, position: plan.position }],
    });
    expect(plan.position).toBeGreaterThan(ready.position);
    expect(first.id).toBe(String(plan.position));
    expect(first.data).not.toContain('Secret'); // no event data beyond ids and types

    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    const action = await post('/api/plans/SIP/actions', { id: 'A1', ref: '1.1', workstreamId: 'SIP.PS', title: 'Map the journey', owners: ['AB'] });
    const started = await post('/api/actions/A1/start', {});
    await board.waitFor(
      () => board.messages.some((m) => m.event === 'message' && JSON.parse(m.data).position === started.position),
      'the start of A1',
    );
    const events = board.messages.filter((m) => m.event === 'message').flatMap((m) => JSON.parse(m.data).events);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['PlanCreated', 'WorkstreamAdded', 'ActionAdded', 'ActionStarted']);
    expect(events[2]).toEqual({ type: 'ActionAdded', streamId: 'action-A1', planId: 'SIP', actionId: 'A1', position: action.position });
    const positions = events.map((e: { position: number }) => e.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    const res = await t.http().get(`/api/actions/A1?minPosition=${started.position}`).set(bearer(admin)).expect(200);
    expect(res.body.status).toBe('G');
    board.close();
  });

  it('delivers the same batches to every open stream', async () => {
    const a = await stream(tokenFor('board'));
    const b = await stream(tokenFor('auditor'));
    await a.waitFor(() => a.messages.length > 0, 'ready on a');
    await b.waitFor(() => b.messages.length > 0, 'ready on b');
    // Its own plan, so that it passes alone (-t) as well as after the test above.
    const note = await post('/api/plans', { id: 'SAME', kind: 'other', title: 'Every stream hears this' });
    const has = (r: StreamReader) => () => r.messages.some((m) => m.event === 'message' && JSON.parse(m.data).position === note.position);
    await a.waitFor(has(a), 'the note on a');
    await b.waitFor(has(b), 'the note on b');
    a.close();
    b.close();
  });

  it('ends open streams when the app shuts down, so the shutdown is not held open', async () => {
    const other = await startTestApp();
    await other.app.listen(0, '127.0.0.1');
    const otherPort = (other.app.getHttpServer().address() as AddressInfo).port;
    const reader = new StreamReader(otherPort, tokenFor('board'));
    await reader.opened;
    await reader.waitFor(() => reader.messages.length > 0, 'ready');
    // Were the stream not ended, close() would wait for it and the test would time out.
    await other.close();
    await reader.waitFor(() => reader.ended, 'the end of the stream');
    removeDataDir(other.dataDir);
  });

  it('says the token has expired and ends when it does', async () => {
    // Tokens expire on a whole second: this one within 1-2 s.
    const reader = await stream(tokenFor('board', { user: 'short-lived', expiresIn: 2 }));
    expect(reader.status).toBe(200);
    await reader.waitFor(() => reader.ended, 'the end of the stream at the token\'s expiry', 15_000);
    expect(reader.messages[0].event).toBe('ready');
    const last = reader.messages[reader.messages.length - 1];
    expect(last.event).toBe('expired');
    expect(JSON.parse(last.data)).toEqual({ message: expect.stringMatching(/token has expired.*sign in again/) });
    // The same token cannot open another.
    await t.http().get('/api/events/stream').set(bearer(tokenFor('board', { user: 'short-lived', expiresIn: -1 }))).expect(401);
  });

  it(`lets one person open ${MAX_STREAMS_PER_PERSON} streams at once and answers the next 429, whatever the token; one closed frees a place`, async () => {
    const readers: StreamReader[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_PERSON; i++) {
      // A fresh token each time: the bound is the person's, not the token's.
      const reader = await stream(tokenFor('owner', { user: 'many-tabs', plans: ['SIP'], expiresIn: `${60 + i}s` }));
      await reader.waitFor(() => reader.messages.length > 0, `ready on stream ${i + 1}`);
      readers.push(reader);
    }
    const refused = await t.http().get('/api/events/stream').set(bearer(tokenFor('owner', { user: 'many-tabs', plans: ['SIP'] }))).expect(429);
    expect(refused.body.message).toMatch(new RegExp(`already have ${MAX_STREAMS_PER_PERSON} live update streams open.*close one`));
    // Someone else still can.
    const other = await stream(tokenFor('owner', { user: 'someone-else', plans: ['SIP'] }));
    expect(other.status).toBe(200);
    readers[0].close();
    const token = tokenFor('owner', { user: 'many-tabs', plans: ['SIP'] });
    const deadline = Date.now() + 10_000;
    let again: StreamReader;
    // The server hears of the closed connection a moment later.
    for (;;) {
      again = await stream(token);
      if (again.status === 200 || Date.now() > deadline) break;
      again.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(again.status).toBe(200);
    for (const reader of [...readers, other, again]) reader.close();
  });
});
