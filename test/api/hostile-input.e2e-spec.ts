import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { COMPARATORS, isIsoDate, MEASURE_UNITS, PERIOD_PATTERN, PLAN_KINDS, POLARITIES, RAG_COLOURS } from '@rag-ledger/domain';
import { MAX_BODY_DEPTH } from '../../apps/api/src/common/body-parsers';
import { ID_PATTERN, LIMITS } from '../../apps/api/src/common/validation';
import { bearer, removeDataDir, startTestApp, tokenFor, type TestApp } from '../support/test-app';
import { htmlProblem, xmlProblem } from '../support/well-formed';

/**
 * Property-based tests of every command endpoint with hostile input: malformed
 * JSON, JSON that is not an object, wrong types, missing and unknown fields,
 * invalid dates, strings over their limits, blank strings, ids that are not ids.
 * Every answer must be a 4xx (never a 2xx, never a 5xx) and the log must not move.
 * Then valid text full of HTML, script, SQL and control characters must be stored
 * and come back through the API exactly as sent.
 */

const RUNS = 60;
const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });

type FieldKind = 'id' | 'text' | 'enum' | 'date' | 'list' | 'period' | 'number' | 'boolean' | 'baseline';
interface Field {
  kind: FieldKind;
  required: boolean;
  /** Longest text, for text fields. */
  max?: number;
  /** Allowed values, for enum fields. */
  values?: readonly string[];
  /** Fewest items, for list fields. */
  minItems?: number;
  /** Smallest value, for number fields. */
  min?: number;
}
interface Endpoint {
  name: string;
  path: string;
  fields: Record<string, Field>;
  /** A body that would succeed: each mutation below breaks exactly one thing in it. */
  valid: Record<string, unknown>;
}

const req = (kind: FieldKind, extra: Partial<Field> = {}): Field => ({ kind, required: true, ...extra });
const opt = (kind: FieldKind, extra: Partial<Field> = {}): Field => ({ kind, required: false, ...extra });

// Actions W1 (not started), G1 and S1 (in progress at G) and B1 (completed) of plan SIP, set up below.
const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /api/plans',
    path: '/api/plans',
    fields: {
      id: req('id'), kind: req('enum', { values: PLAN_KINDS }), title: req('text', { max: LIMITS.title }),
      board: opt('text', { max: LIMITS.title }), version: opt('text', { max: LIMITS.name }),
      periodStart: opt('date'), periodEnd: opt('date'),
    },
    valid: { id: 'NEWPLAN', kind: 'other', title: 'A new plan', version: '1.0', periodStart: '2013-10-01' },
  },
  {
    name: 'POST /api/plans/:planId/workstreams',
    path: '/api/plans/SIP/workstreams',
    fields: {
      id: req('id'), title: req('text', { max: LIMITS.title }), accountable: opt('text', { max: LIMITS.name }),
      responsible: opt('text', { max: LIMITS.name }), projectManager: opt('text', { max: LIMITS.name }), outcome: opt('text', { max: LIMITS.text }),
    },
    valid: { id: 'SIP.NEW', title: 'New work-stream', outcome: 'Better practice' },
  },
  {
    name: 'POST /api/plans/:planId/actions',
    path: '/api/plans/SIP/actions',
    fields: {
      id: opt('id'), ref: opt('text', { max: LIMITS.name }), workstreamId: req('id'), title: req('text', { max: LIMITS.title }),
      owners: req('list'), enablingTeams: opt('list'), targetDate: opt('date'), targetDateText: opt('text', { max: LIMITS.name }),
      measures: opt('text', { max: LIMITS.text }), links: opt('list'),
    },
    valid: { id: 'NEW1', workstreamId: 'SIP.PS', title: 'A new action', owners: ['AB'], targetDate: '2014-03-31', links: ['EHIP'] },
  },
  {
    name: 'POST /api/actions/:id/start',
    path: '/api/actions/W1/start',
    fields: { rag: opt('enum', { values: RAG_COLOURS }), note: opt('text', { max: LIMITS.text }) },
    valid: { rag: 'A', note: 'Kick-off held' },
  },
  {
    name: 'POST /api/actions/:id/rag',
    path: '/api/actions/G1/rag',
    fields: { rag: req('enum', { values: RAG_COLOURS }), reason: req('text', { max: LIMITS.reason }) },
    valid: { rag: 'R', reason: 'Behind plan' },
  },
  {
    name: 'POST /api/actions/:id/notes',
    path: '/api/actions/G1/notes',
    fields: { text: req('text', { max: LIMITS.text }) },
    valid: { text: 'Progress made' },
  },
  {
    name: 'POST /api/actions/:id/target-date',
    path: '/api/actions/G1/target-date',
    fields: { targetDate: req('date'), reason: req('text', { max: LIMITS.reason }) },
    valid: { targetDate: '2014-06-30', reason: 'Board agreed' },
  },
  {
    name: 'POST /api/actions/:id/owners',
    path: '/api/actions/G1/owners',
    fields: { owners: req('list', { minItems: 1 }), reason: req('text', { max: LIMITS.reason }) },
    valid: { owners: ['CM'], reason: 'AB has left' },
  },
  {
    name: 'POST /api/actions/:id/complete',
    path: '/api/actions/G1/complete',
    fields: { note: opt('text', { max: LIMITS.text }) },
    valid: { note: 'Signed off' },
  },
  {
    name: 'POST /api/actions/:id/reopen',
    path: '/api/actions/B1/reopen',
    fields: { rag: req('enum', { values: RAG_COLOURS }), reason: req('text', { max: LIMITS.reason }) },
    valid: { rag: 'A', reason: 'Audit found gaps' },
  },
  {
    name: 'POST /api/actions/:id/withdraw',
    path: '/api/actions/G1/withdraw',
    fields: { reason: req('text', { max: LIMITS.reason }) },
    valid: { reason: 'Superseded' },
  },
  // Steps of action S1 (in progress): the first group adds S1.s1, the next complete, reopen and revise it.
  {
    name: 'POST /api/actions/:id/steps',
    path: '/api/actions/S1/steps',
    fields: {
      id: opt('id'), text: req('text', { max: LIMITS.title }), owners: opt('list'), enablingTeams: opt('list'), targetDate: opt('date'),
      targetDateText: opt('text', { max: LIMITS.name }), statusNote: opt('text', { max: LIMITS.text }),
    },
    valid: { id: 'S1.s1', text: 'Map the front door', owners: ['AB'], targetDate: '2014-01-31', targetDateText: 'Jan 14' },
  },
  {
    name: 'POST /api/actions/:id/steps/:stepId/complete',
    path: '/api/actions/S1/steps/S1.s1/complete',
    fields: { note: opt('text', { max: LIMITS.text }) },
    valid: { note: 'Workshop held' },
  },
  {
    name: 'POST /api/actions/:id/steps/:stepId/reopen',
    path: '/api/actions/S1/steps/S1.s1/reopen',
    fields: { reason: req('text', { max: LIMITS.reason }) },
    valid: { reason: 'Two teams missed' },
  },
  {
    name: 'POST /api/actions/:id/steps/:stepId/revise',
    path: '/api/actions/S1/steps/S1.s1/revise',
    fields: {
      text: opt('text', { max: LIMITS.title }), owners: opt('list'), enablingTeams: opt('list'), targetDate: opt('date'),
      targetDateText: opt('text', { max: LIMITS.name }), statusNote: opt('text', { max: LIMITS.text }), reason: req('text', { max: LIMITS.reason }),
    },
    valid: { targetDate: '2014-02-28', targetDateText: 'Feb 14', reason: 'Dated at the board' },
  },
  // Outcome measures: M1 of plan SIP, with a value recorded for 2014.
  {
    name: 'POST /api/plans/:planId/measures',
    path: '/api/plans/SIP/measures',
    fields: {
      id: req('id'), name: req('text', { max: LIMITS.title }), unit: req('enum', { values: MEASURE_UNITS }), polarity: req('enum', { values: POLARITIES }),
      workstreamId: opt('id'), baseline: opt('baseline'), amberTolerance: req('number', { min: 0 }),
    },
    valid: { id: 'NEWM', name: 'Schools judged good or better', unit: 'percent', polarity: 'higher', workstreamId: 'SIP.PS', baseline: { period: '2013', value: 64 }, amberTolerance: 3 },
  },
  {
    name: 'POST /api/measures/:id/targets',
    path: '/api/measures/M1/targets',
    fields: { period: req('period'), value: req('number') },
    valid: { period: '2015', value: 79 },
  },
  {
    name: 'POST /api/measures/:id/values',
    path: '/api/measures/M1/values',
    fields: { period: req('period'), value: req('number'), provisional: opt('boolean'), source: opt('text', { max: LIMITS.name }) },
    valid: { period: '2015', value: 81, provisional: true, source: 'DfE release' },
  },
  {
    name: 'POST /api/measures/:id/revisions',
    path: '/api/measures/M1/revisions',
    fields: { period: req('period'), value: req('number'), reason: req('text', { max: LIMITS.reason }) },
    valid: { period: '2014', value: 70, reason: 'Re-baselined' },
  },
  {
    name: 'POST /api/measures/:id/comparators',
    path: '/api/measures/M1/comparators',
    fields: { period: req('period'), comparator: req('enum', { values: COMPARATORS }), value: req('number') },
    valid: { period: '2014', comparator: 'national', value: 80 },
  },
  {
    name: 'POST /api/measures/:id/predictions',
    path: '/api/measures/M1/predictions',
    fields: { period: req('period'), value: req('number'), reason: opt('text', { max: LIMITS.reason }) },
    valid: { period: '2015', value: 78, reason: 'LA risk analysis' },
  },
  {
    name: 'POST /api/measures/:id/rag-override',
    path: '/api/measures/M1/rag-override',
    fields: { rag: req('enum', { values: RAG_COLOURS }), reason: req('text', { max: LIMITS.reason }) },
    valid: { rag: 'A', reason: 'Two more schools fell into category' },
  },
];

// ---------------------------------------------------------------- generators

const HTML_AND_SCRIPT = [
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg/onload=alert(document.cookie)>', 'javascript:alert(1)',
  '<iframe src="//evil.example"></iframe>', '&lt;b&gt;&amp;', '{{constructor.constructor("alert(1)")()}}', '${process.exit(1)}',
];
const SQL_LOOKING = [
  "'; DROP TABLE events; --", "1' OR '1'='1", 'Robert"); DELETE FROM board_actions; --', "' UNION SELECT * FROM sqlite_master --",
  '1; UPDATE events SET data = null', "admin'--", '%27%20OR%201=1',
];
const ODD_CHARACTERS = ['\u0000', '\u0007', '\u001b[31m', '\u007f', '\u202e', '\u200b', '\ufeff', '\u2028', '\u2029', '\r\n', '\\', '"', "'", '😀', 'Ёлка', 'ﷺ', '\ud83d\ude00'];
const BLANKS = [' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u000b', '\u000c'];

/** Text a real user could paste: HTML, script, SQL, control characters, any Unicode. */
const fragment = fc.oneof(
  fc.constantFrom(...HTML_AND_SCRIPT, ...SQL_LOOKING, ...ODD_CHARACTERS),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 0, max: 31 }).map((code) => String.fromCharCode(code)),
);
const hostileText = (max: number) =>
  fc.oneof(
    { weight: 9, arbitrary: fc.array(fragment, { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')) },
    // At the limit exactly.
    { weight: 1, arbitrary: fc.constantFrom('<', '\u0000', 'é', '😀').map((c) => c.repeat(Math.floor(max / c.length))) },
  ).filter((s) => /\S/.test(s) && s.length <= max);

// Only values JSON can carry: JSON.stringify writes NaN and ±Infinity as null, which an optional
// field reads as absent, so `{"note":null}` was a valid body sent as an invalid one. It was
// accepted, and on a create endpoint it then made the valid body a duplicate (409): the property
// that failed in about one full run in eight, found by running it over many seeds.
const nonString = fc.oneof(
  fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant([]), fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const blank = fc.array(fc.constantFrom(...BLANKS), { maxLength: 8 }).map((parts) => parts.join(''));
const tooLong = (max: number) =>
  fc.tuple(fc.integer({ min: max + 1, max: max + 3000 }), fc.constantFrom('x', '<', '\u0000', 'é', ' ')).map(([n, c]) => c.repeat(n));
const notAnId = fc.oneof(
  fc.constantFrom(...SQL_LOOKING, ...HTML_AND_SCRIPT, '', '.hidden', '-x', 'SIP PS', '../../etc/passwd', 'a'.repeat(101), 'SIP/PS', 'SIP\u0000'),
  fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !ID_PATTERN.test(s)),
);
const notACalendarDate = fc.oneof(
  fc.constantFrom('2014-02-30', '2013-02-29', '2013-13-01', '2013-00-10', '2013-12-32', '2013-1-1', '31/12/2013', 'Dec 2013',
    '2013-12-31T00:00:00Z', ' 2013-12-31', '2013-12-31 ', '20131231', '+02013-12-31', '', '0000-00-00', '9999-99-99'),
  fc.string({ maxLength: 12 }).filter((s) => !isIsoDate(s)),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

/** A value of the wrong kind for the field: never valid, whatever the rest of the body. */
function invalidValue(field: Field): fc.Arbitrary<unknown> {
  // null counts as absent for an optional field, so it is only wrong for a required one.
  const missing = field.required ? [fc.constant(null)] : [];
  switch (field.kind) {
    case 'text':
      return fc.oneof(nonString, blank, tooLong(field.max ?? 0), ...missing);
    case 'id':
      return fc.oneof(nonString, notAnId, ...missing);
    case 'enum':
      return fc.oneof(nonString, fc.string({ maxLength: 20 }).filter((s) => !field.values!.includes(s)), fc.constantFrom('g', 'a ', 'B', 'W', 'GREEN', ''), ...missing);
    case 'date':
      return fc.oneof(notACalendarDate, fc.integer(), fc.boolean(), fc.constant({ year: 2014 }), ...missing);
    case 'period':
      return fc.oneof(
        fc.constantFrom('2014-Q5', '2014-Q0', '2014-13', '2014-00', '13/14', '2014/2015', '2014/1', '14', 'next year', '', ' 2014', '2014 ', 'FY2014'),
        fc.string({ maxLength: 10 }).filter((p) => !PERIOD_PATTERN.test(p)),
        fc.integer({ min: 1900, max: 2100 }),
        fc.boolean(),
        ...missing,
      );
    case 'number':
      return fc.oneof(
        fc.constantFrom('90', '', '1e3', 'NaN', 'Infinity', '0x10'),
        fc.boolean(),
        fc.constant([1]),
        fc.constant({ value: 1 }),
        ...(field.min !== undefined ? [fc.double({ max: field.min - 0.001, noNaN: true, noDefaultInfinity: true, min: -1e9 })] : []),
        ...missing,
      );
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 'false', 'yes', 1, 0, '', [], {}), ...missing);
    case 'baseline':
      return fc.oneof(
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({})),
        fc.record({ period: invalidValue(req('period')), value: fc.integer() }),
        fc.record({ period: fc.constant('2013'), value: invalidValue(req('number')) }),
        fc.constant({ period: '2013' }),
        fc.constant({ value: 64 }),
        fc.constant({ period: '2013', value: 64, source: 'unknown nested field' }),
      );
    case 'list':
      return fc.oneof(
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.dictionary(fc.string({ maxLength: 3 }), fc.string(), { maxKeys: 2 })),
        fc.array(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant({})), { minLength: 1, maxLength: 3 }),
        fc.tuple(blank).map((b) => [b]),
        tooLong(LIMITS.name).map((s) => [s]),
        fc.constant(Array.from({ length: LIMITS.owners + 1 }, (_, i) => `O${i}`)),
        ...(field.minItems ? [fc.constant([])] : []),
        ...missing,
      );
  }
}

/** Raw request bodies (the exact bytes sent as application/json) that must be refused. */
function invalidBody(endpoint: Endpoint): fc.Arbitrary<{ kind: string; raw: string }> {
  const names = Object.keys(endpoint.fields);
  const json = (kind: string, body: unknown) => ({ kind, raw: JSON.stringify(body) });
  const wrongField = fc
    .constantFrom(...names)
    .chain((name) => invalidValue(endpoint.fields[name]).map((value) => json(`wrong ${name}`, { ...endpoint.valid, [name]: value })));
  const required = names.filter((n) => endpoint.fields[n].required);
  const missingField = required.length
    ? [fc.constantFrom(...required).map((name) => {
        const body: Record<string, unknown> = { ...endpoint.valid };
        delete body[name];
        return json(`missing ${name}`, body);
      })]
    : [];
  // Names on Object.prototype (__proto__, constructor, toString...) and `prototype` included:
  // they are refused before the validation, which would skip them (see the test below).
  const unknownName = fc.oneof(
    fc.constantFrom('actor', 'actionId', 'planId', 'revision', 'position', 'metadata', 'from', 'status', "'; DROP TABLE events; --", '<script>'),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'),
    fc.string({ minLength: 1, maxLength: 20 }),
  ).filter((k) => !names.includes(k));
  const unknownField = fc.tuple(unknownName, fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => json(`unknown ${k}`, { ...endpoint.valid, [k]: v }));
  const malformed = fc.oneof(
    fc.constantFrom('{', '{"text": }', "{'text': 'x'}", '{"text": "x",}', '{"text": "x"}}', '{"a":1}{"b":2}', 'NaN', 'undefined', '\u0000', '{"text": "\\x41"}', '{"rag": G}'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '' && !parses(s)),
    fc.integer({ min: 1, max: 200 }).map((n) => JSON.stringify(endpoint.valid).slice(0, n)).filter((s) => !parses(s)),
  ).map((raw) => ({ kind: 'malformed JSON', raw }));
  // JSON that is not an object: arrays (even of valid bodies), strings, numbers, null.
  const notAnObject = fc.oneof(
    fc.constant([endpoint.valid]),
    fc.jsonValue({ maxDepth: 1 }).filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
  ).map((v) => json('not an object', v));
  return fc.oneof(wrongField, ...missingField, unknownField, malformed, notAnObject);
}

/**
 * Refusals that come from the domain (422) rather than the validation (400), known and
 * reported: an array where the measure's nested `baseline` object belongs passes
 * @ValidateNested (it validates each element) and the domain then refuses the period.
 */
function knownGap(kind: string, raw: string, status: number): boolean {
  return status === 422 && kind === 'wrong baseline' && Array.isArray((JSON.parse(raw) as { baseline?: unknown }).baseline);
}

function parses(raw: string): boolean {
  try {
    JSON.parse(raw);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- tests

describe('the generators of invalid bodies', () => {
  it('never make a value that JSON sends as null or drops (NaN, Infinity, undefined), so "invalid" stays invalid', () => {
    const sent = (value: unknown) => (JSON.parse(JSON.stringify({ value })) as { value?: unknown }).value;
    // Many samples of the one generator whose rare values slipped through, over several seeds.
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const value of fc.sample(nonString, { numRuns: 2000, seed })) {
        const received = sent(value);
        expect({ value, arrives: received !== null && received !== undefined && typeof received !== 'string' }).toEqual({ value, arrives: true });
      }
    }
  });
});

describe('hostile input on every command endpoint', () => {
  let t: TestApp;
  let lastPosition = 0;
  const post = (path: string, body: object) =>
    t.http().post(path).set(bearer(admin)).send(body).then((res) => {
      if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
      lastPosition = Math.max(lastPosition, res.body.position);
      return res.body;
    });
  const sendRaw = (path: string, raw: string, headers: Record<string, string> = {}) =>
    t.http().post(path).set(bearer(admin)).set('Content-Type', 'application/json').set(headers).send(raw);
  const logPosition = async (): Promise<number> => (await t.http().get('/api/health').expect(200)).body.position;
  /** What was written after a position, straight from the log. */
  const eventsAfter = (position: number) => {
    const db = new BetterSqlite3(join(t.dataDir, 'events.db'), { readonly: true });
    try {
      return (db.prepare('SELECT position, stream_id, type, data, metadata FROM events WHERE position > ? ORDER BY position').all(position) as Array<{ metadata: string }>).map(
        (e) => ({ ...e, correlationId: JSON.parse(e.metadata).correlationId, metadata: undefined }),
      );
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic plan' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    for (const id of ['W1', 'G1', 'B1', 'S1']) await post('/api/plans/SIP/actions', { id, workstreamId: 'SIP.PS', title: `Action ${id}`, owners: ['AB'] });
    await post('/api/actions/G1/start', {});
    await post('/api/actions/S1/start', {});
    await post('/api/actions/B1/complete', {});
    await post('/api/plans/SIP/measures', { id: 'M1', name: 'Measure M1', unit: 'percent', polarity: 'higher', amberTolerance: 3 });
    await post('/api/measures/M1/values', { period: '2014', value: 81 });
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  describe.each(ENDPOINTS.map((e) => [e.name, e] as const))('%s', (_name, endpoint) => {
    it('refuses every invalid body with a 4xx and writes nothing', async () => {
      const before = await logPosition();
      /** The first answer of each status. */
      const seen = new Map<number, string>();
      let run = 0;
      const sent = new Map<string, string>();
      await fc.assert(
        fc.asyncProperty(invalidBody(endpoint), async ({ kind, raw }) => {
          // The request id becomes the correlation id of anything written: it names the culprit.
          const requestId = `hostile-${++run}`;
          const res = await sendRaw(endpoint.path, raw, { 'X-Request-Id': requestId });
          sent.set(requestId, `${kind}: ${raw.slice(0, 200)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)} (answered at ${Date.now()})`);
          if (!seen.has(res.status) && !knownGap(kind, raw, res.status)) seen.set(res.status, `${kind}: ${raw.slice(0, 200)} -> ${JSON.stringify(res.body).slice(0, 200)}`);
          if (res.status < 400 || res.status >= 500) {
            throw new Error(`${kind}: ${raw.slice(0, 300)} answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
          }
          expect(res.body).toMatchObject({ statusCode: res.status, message: expect.anything() });
          const position = await logPosition();
          if (position !== before) {
            const written = eventsAfter(before);
            const culprits = written.map((e) => `${e.correlationId}: ${sent.get(e.correlationId)}`);
            throw new Error(`the log moved from ${before} to ${position} after ${requestId} (${kind}: ${raw.slice(0, 200)} -> ${res.status}): ${JSON.stringify(written)}; sent: ${culprits.join('; ')} now ${Date.now()}`);
          }
        }),
        // No shrinking: after a wrongful success the state has changed, and smaller inputs would fail for that reason.
        { numRuns: RUNS, endOnFailure: true },
      );
      // Validation refuses them (400); a date that is not in the calendar is never a plan rule (422) or a crash.
      expect([...seen.entries()].filter(([status]) => status !== 400)).toEqual([]);
    });

    it('refuses a body over the size limit with 413 and writes nothing', async () => {
      const before = await logPosition();
      const big = JSON.stringify({ ...endpoint.valid, padding: 'x'.repeat(260 * 1024) });
      const res = await sendRaw(endpoint.path, big).expect(413);
      expect(res.body.message).toMatch(/over the limit of 256kb/);
      expect(await logPosition()).toBe(before);
    });

    it('accepts the valid body it mutates (so the refusals above are about the input)', async () => {
      // Last in its group: it changes the action's state.
      const res = await sendRaw(endpoint.path, JSON.stringify(endpoint.valid));
      expect(res.status).toBeLessThan(300);
      lastPosition = res.body.position;
    });
  });

  it('refuses numbers JSON.parse reads as Infinity (1e400) with a 400 and writes nothing', async () => {
    const before = await logPosition();
    for (const [path, raw] of [
      ['/api/measures/M1/targets', '{"period":"2016","value":1e400}'],
      ['/api/measures/M1/values', '{"period":"2016","value":-1e400}'],
      ['/api/plans/SIP/measures', '{"id":"INF","name":"x","unit":"count","polarity":"lower","amberTolerance":1e400}'],
    ]) {
      const res = await sendRaw(path, raw);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
    }
    expect(await logPosition()).toBe(before);
  });

  it('refuses ids in the path that are not ids, and hostile If-Match and Idempotency-Key headers, with a 4xx', async () => {
    const before = await logPosition();
    await post('/api/plans/SIP/actions', { id: 'G2', workstreamId: 'SIP.PS', title: 'Action G2', owners: ['AB'] });
    const afterSetup = await logPosition();
    await fc.assert(
      fc.asyncProperty(notAnId, fc.constantFrom('notes', 'rag', 'withdraw'), async (id, route) => {
        const res = await sendRaw(`/api/actions/${encodeURIComponent(id)}/${route}`, JSON.stringify({ text: 'x', rag: 'A', reason: 'x' }));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    const visible = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          visible.filter((v) => !/^\s*(?:W\/)?"?\d{1,15}"?\s*$/.test(v)).map((v) => ({ 'If-Match': v })),
          fc.constantFrom('"99999999999999999"', '"-1"', '"1.5"', '"0x10"').map((v) => ({ 'If-Match': v })),
          fc.integer({ min: 201, max: 2000 }).map((n) => ({ 'Idempotency-Key': 'k'.repeat(n) })),
          fc.constantFrom('key with spaces', 'é-key', 'key\twith-tab').map((v) => ({ 'Idempotency-Key': v })),
        ),
        async (headers) => {
          const res = await sendRaw('/api/actions/G2/notes', JSON.stringify({ text: 'x' }), headers);
          expect({ headers, status: res.status }).toEqual({ headers, status: 400 });
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(afterSetup).toBeGreaterThan(before);
    expect(await logPosition()).toBe(afterSetup);
  });

  it('refuses keys that name Object.prototype members (__proto__, constructor...) or prototype, at any depth, and writes nothing', async () => {
    const before = await logPosition();
    const bodies = [
      '{"text":"Prototype keys","__proto__":{"isAdmin":true}}',
      '{"text":"Prototype keys","constructor":{"prototype":{"polluted":true}}}',
      '{"text":"Prototype keys","toString":1}',
      '{"text":"Prototype keys","prototype":{"isAdmin":true}}',
      '{"text":"Prototype keys","nested":[{"deeper":{"__proto__":{"isAdmin":true}}}]}',
    ];
    for (const raw of bodies) {
      const res = await sendRaw('/api/actions/G2/notes', raw).expect(400);
      expect(res.body.message.join(' ')).toMatch(/property (__proto__|constructor|toString|prototype) should not exist/);
    }
    // The import's plan files are read the same way.
    await t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'application/json').send('{"plans":[{"__proto__":{"id":"X"}}]}').expect(400);
    expect(await logPosition()).toBe(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a body it cannot read with 415 instead of running the command on its defaults', async () => {
    await post('/api/plans/SIP/actions', { id: 'CT1', workstreamId: 'SIP.PS', title: 'Content types', owners: ['AB'] });
    const before = await logPosition();
    // Starting takes only optional fields: a body read as {} would start the action at G.
    const unreadable: Array<[string, string]> = [
      ['text/plain', '{"rag":"R"}'],
      ['application/x-www-form-urlencoded', 'rag=R'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="rag"\r\n\r\nR\r\n--x--'],
      ['application/xml', '<rag>R</rag>'],
    ];
    for (const [type, raw] of unreadable) {
      const res = await t.http().post('/api/actions/CT1/start').set(bearer(admin)).set('Content-Type', type).send(raw);
      expect({ type, status: res.status }).toEqual({ type, status: 415 });
      expect(res.body.message).toMatch(/must be JSON/);
    }
    const csv = await t.http().post('/api/actions/CT1/complete').set(bearer(admin)).set('Content-Type', 'text/csv').send('note\nDone');
    expect(csv.status).toBe(415);
    const xmlImport = await t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'application/xml').send('<plans/>');
    expect(xmlImport.status).toBe(415);
    expect(xmlImport.body.message).toMatch(/must be JSON or CSV/);
    expect(await logPosition()).toBe(before);
    // No body at all is not a body of the wrong type: the defaults are what the caller asked for.
    const started = await t.http().post('/api/actions/CT1/start').set(bearer(admin)).expect(200);
    expect(started.body).toMatchObject({ id: 'CT1', revision: 1 });
  });

  it('refuses hostile plan files on the import (JSON and CSV) with a 4xx and writes nothing', async () => {
    const before = await logPosition();
    const importBody = fc.oneof(
      fc.anything({ maxDepth: 3 }).map((v) => ({ type: 'application/json', raw: JSON.stringify({ plans: v }) ?? 'null' })),
      fc.array(fc.anything({ maxDepth: 2 }), { minLength: 1, maxLength: 3 }).map((plans) => ({ type: 'application/json', raw: JSON.stringify({ plans }) })),
      fc.record({ id: fc.oneof(notAnId, nonString), name: fc.oneof(hostileText(50), nonString), workstreams: fc.anything({ maxDepth: 2 }) })
        .map((plan) => ({ type: 'application/json', raw: JSON.stringify({ plans: [plan] }) })),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }).filter((s) => s.trim() !== '' && !parses(s)).map((raw) => ({ type: 'application/json', raw })),
      fc.string({ unit: 'binary', maxLength: 300 }).map((raw) => ({ type: 'text/csv', raw })),
      fc.array(fc.array(hostileText(30), { minLength: 1, maxLength: 16 }), { minLength: 1, maxLength: 4 })
        .map((rows) => ({ type: 'text/csv', raw: rows.map((r) => r.join(',')).join('\r\n') })),
      fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded').map((type) => ({ type, raw: 'plans=1' })),
    );
    await fc.assert(
      fc.asyncProperty(importBody, async ({ type, raw }) => {
        const res = await t.http().post('/api/import').set(bearer(admin)).set('Content-Type', type).send(raw);
        // A file whose plans list happens to be empty is valid and imports nothing.
        const emptyFile = res.status === 200 && res.body.events === 0;
        if (!emptyFile && (res.status < 400 || res.status >= 500)) {
          throw new Error(`${type} ${JSON.stringify(raw.slice(0, 300))} answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        }
        expect(await logPosition()).toBe(before);
      }),
      { numRuns: RUNS * 2, endOnFailure: true },
    );
  });

  describe('valid text full of HTML, script, SQL and control characters', () => {
    const history = async (actionId: string, position: number) =>
      (await t.http().get(`/api/actions/${actionId}/history?minPosition=${position}`).set(bearer(admin)).expect(200)).body as Array<{ revision: number; data: Record<string, unknown> }>;

    it('is stored and comes back verbatim: progress notes and RAG reasons', async () => {
      await post('/api/plans/SIP/actions', { id: 'TXT1', workstreamId: 'SIP.PS', title: 'Text', owners: ['AB'] });
      await post('/api/actions/TXT1/start', { rag: 'G' });
      let colour = 'G';
      await fc.assert(
        fc.asyncProperty(hostileText(LIMITS.text), hostileText(LIMITS.reason), async (text, reason) => {
          const noted = await post('/api/actions/TXT1/notes', { text });
          colour = colour === 'G' ? 'A' : 'G';
          const changed = await post('/api/actions/TXT1/rag', { rag: colour, reason });
          const events = await history('TXT1', changed.position);
          expect(events.find((e) => e.revision === noted.revision)?.data.text).toBe(text);
          expect(events.find((e) => e.revision === changed.revision)?.data.reason).toBe(reason);
        }),
        { numRuns: 25, endOnFailure: true },
      );
    });

    it('is stored and comes back verbatim: action titles, measures, dates as printed, owners', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          hostileText(LIMITS.title),
          hostileText(LIMITS.text),
          hostileText(LIMITS.name),
          fc.array(hostileText(LIMITS.name), { minLength: 1, maxLength: 5 }),
          async (title, measures, targetDateText, owners) => {
            const id = `TXT-A${++n}`;
            const added = await post('/api/plans/SIP/actions', { id, workstreamId: 'SIP.PS', title, measures, targetDateText, ref: targetDateText, owners });
            const view = (await t.http().get(`/api/actions/${id}?minPosition=${added.position}`).set(bearer(admin)).expect(200)).body;
            expect(view).toMatchObject({ title, measures, targetDateText, ref: targetDateText });
            // Owners are the one list the domain tidies: trimmed, blanks and repeats dropped.
            expect(view.owners).toEqual([...new Set(owners.map((o) => o.trim()).filter(Boolean))]);
            const [event] = await history(id, added.position);
            expect(event.data).toMatchObject({ title, measures, targetDateText });
          },
        ),
        { numRuns: 25, endOnFailure: true },
      );
    });

    it('is stored and comes back verbatim: plan and work-stream texts', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(hostileText(LIMITS.title), hostileText(LIMITS.text), hostileText(LIMITS.name), async (title, outcome, name) => {
          const planId = `TXTP${++n}`;
          await post('/api/plans', { id: planId, kind: 'other', title, board: title, version: name });
          const added = await post(`/api/plans/${planId}/workstreams`, { id: `${planId}.WS`, title, outcome, accountable: name });
          const plan = (await t.http().get(`/api/plans/${planId}?minPosition=${added.position}`).set(bearer(admin)).expect(200)).body;
          expect(plan).toMatchObject({ title, board: title, version: name });
          expect(JSON.stringify(plan)).toContain(JSON.stringify(outcome).slice(1, -1));
        }),
        { numRuns: 15, endOnFailure: true },
      );
    });

    it('is escaped in HTML: the evidence pack shows titles and reasons as text, never as markup', async () => {
      // The one HTML page built from stored text so far; the web board renders in the browser (its own tests).
      const texts = [
        ...HTML_AND_SCRIPT,
        ...SQL_LOOKING,
        ...fc.sample(hostileText(300), { numRuns: 20, seed: 8 }),
      ];
      await post('/api/plans', { id: 'HTMLP', kind: 'other', title: '<script>alert("plan")</script> & <b>board</b>' });
      await post('/api/plans/HTMLP/workstreams', { id: 'HTMLP.WS', title: '<img src=x onerror=alert(1)>' });
      for (const [i, text] of texts.entries()) {
        const id = `HTMLP.${i}`;
        await post('/api/plans/HTMLP/actions', { id, workstreamId: 'HTMLP.WS', title: text, owners: ['AB'] });
        await post(`/api/actions/${id}/start`, { rag: 'G' });
        await post(`/api/actions/${id}/rag`, { rag: 'R', reason: text });
      }
      const res = await t.http().get(`/api/plans/HTMLP/evidence?format=html&minPosition=${lastPosition}`).set(bearer(admin)).expect(200);
      expect(res.type).toBe('text/html');
      const html = res.text;
      // Characters HTML and XML cannot hold are printed as their Control Pictures sign (C0) or U+FFFD (see escape-markup.ts).
      const printable = (value: string) =>
        Array.from(value)
          .map((c) => {
            const code = c.codePointAt(0)!;
            if (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') return String.fromCharCode(0x2400 + code);
            const lone = c.length === 1 && code >= 0xd800 && code <= 0xdfff;
            return lone || (code >= 0x7f && code <= 0x9f) || code === 0xfffe || code === 0xffff ? '\ufffd' : c;
          })
          .join('');
      const escape = (value: string) => printable(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
      expect(html).toContain(escape('<script>alert("plan")</script> & <b>board</b>'));
      expect(html).toContain(escape('<img src=x onerror=alert(1)>'));
      for (const text of texts) expect(html).toContain(escape(text));
      // None of the markup that was typed survives as markup.
      expect(html).not.toMatch(/<(script|img|svg|iframe|b)\b/i);
    });
  });
});

describe('paths in any spelling, bodies nested without end, and markup from any text', () => {
  let t: TestApp;
  let port: number;
  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).set(bearer(admin)).send(body);
    if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as { position: number };
  };
  const logPosition = async (): Promise<number> => (await t.http().get('/api/health').expect(200)).body.position;
  /** A request with its path exactly as given: supertest and fetch would tidy `..` and `//` away. */
  const raw = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path, agent: false, headers: { ...bearer(admin), ...headers } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic plan' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans/SIP/actions', { id: 'CASE1', workstreamId: 'SIP.PS', title: 'Not started', owners: ['AB'] });
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  // Every way of spelling POST /api/actions/CASE1/start an attacker tried or might.
  const spellings = [
    '/API/actions/CASE1/start', '/Api/Actions/CASE1/Start', '/api/ACTIONS/CASE1/start', '/api/actions/CASE1/START',
    '/api/%61ctions/CASE1/start', '/%61pi/actions/CASE1/start', '/api/actions/CASE1/%73tart', '/%41PI/actions/CASE1/start',
    '//api/actions/CASE1/start', '/api//actions/CASE1/start', '/api/actions//CASE1/start', '/api/../api/actions/CASE1/start',
    '/api/./actions/CASE1/start', '/x/../api/actions/CASE1/start', '/api/actions/CASE1/start/', '/api/actions/CASE1/start//',
    '/api/actions/%43ASE1/start', '/api/actions/CASE1/start?x=1', '/api/actions/CASE1/start;x=1', '/api%2factions/CASE1/start',
  ];

  it.each(spellings)('gives %s the body checks of every route: text/plain is refused, never read as {} (the action is not started)', async (path) => {
    const before = await logPosition();
    const res = await raw('POST', path, { 'Content-Type': 'text/plain' }, '{"rag":"R"}');
    expect({ path, status: res.status }).toEqual({ path, status: 415 });
    expect(JSON.parse(res.body).message).toMatch(/must be JSON/);
    expect(await logPosition()).toBe(before);
  });

  it.each(spellings)('routes %s only if it is the route as documented (a trailing slash or a percent-encoded id), otherwise 404', async (path) => {
    // A JSON body that the route would refuse (an unknown field), so nothing is written either way.
    const res = await raw('POST', path, { 'Content-Type': 'application/json' }, '{"rag":"R","unknown":1}');
    const reachesTheRoute = ['/api/actions/CASE1/start/', '/api/actions/%43ASE1/start', '/api/actions/CASE1/start?x=1'].includes(path);
    expect({ path, status: res.status }).toEqual({ path, status: reachesTheRoute ? 400 : 404 });
  });

  it('matches reads case-sensitively too: GET /API/board is 404, and so is the web board for it', async () => {
    expect((await raw('GET', '/API/board', {})).status).toBe(404);
    expect((await raw('GET', '/api/Board', {})).status).toBe(404);
    expect((await raw('GET', '/api/board', {})).status).toBe(200);
    const action = JSON.parse((await raw('GET', '/api/actions/CASE1', {})).body);
    expect(action).toMatchObject({ id: 'CASE1', status: 'W' });
  });

  const nested = (depth: number, open: string, close: string, inner = '1') => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

  it.each([
    ['arrays', (d: number) => `{"text":"x","deep":${nested(d, '[', ']')}}`],
    ['objects', (d: number) => `{"text":"x","deep":${nested(d, '{"a":', '}')}}`],
    ['arrays and objects', (d: number) => `{"text":"x","deep":${nested(d / 2, '[{"a":', '}]')}}`],
    ['a body that is itself an array', (d: number) => nested(d, '[', ']')],
  ])('refuses %s nested 2,000 levels deep (4 KB) with a 400 that says so, and writes nothing', async (_label, body) => {
    const before = await logPosition();
    for (const depth of [2000, 20_000]) {
      const res = await t.http().post('/api/actions/CASE1/notes').set(bearer(admin)).set('Content-Type', 'application/json').send(body(depth));
      expect(res.status).toBe(400);
      expect(res.body.message.join(' ')).toMatch(new RegExp(`nested too deeply: objects and arrays may nest at most ${MAX_BODY_DEPTH} levels`));
    }
    expect(await logPosition()).toBe(before);
  });

  it(`reads a body nested ${MAX_BODY_DEPTH} levels (and refuses its unknown field as usual), and refuses one level more as too deep`, async () => {
    // The body's own object is level 1.
    const atLimit = await t.http().post('/api/actions/CASE1/notes').set(bearer(admin)).send(`{"text":"x","deep":${nested(MAX_BODY_DEPTH - 2, '[', ']', '[]')}}`).set('Content-Type', 'application/json');
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.message.join(' ')).toMatch(/property deep should not exist/);
    const over = await t.http().post('/api/actions/CASE1/notes').set(bearer(admin)).send(`{"text":"x","deep":${nested(MAX_BODY_DEPTH - 1, '[', ']', '[]')}}`).set('Content-Type', 'application/json');
    expect(over.body.message.join(' ')).toMatch(/nested too deeply/);
  });

  it('refuses a plan file nested too deeply on the import (400), as any body', async () => {
    const before = await logPosition();
    const res = await t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'application/json').send(`{"plans":${nested(3000, '[', ']')}}`);
    expect(res.status).toBe(400);
    expect(res.body.message.join(' ')).toMatch(/nested too deeply/);
    expect(await logPosition()).toBe(before);
  });

  /** Any text a name may hold, weighted to what XML and HTML cannot carry as it is. */
  const awkward = fc.oneof(
    fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('\u007f', '\u0085', '\u009f', '\ufffe', '\uffff', '\ud800', '\udfff', '\ud83d', '\ude00', '😀', '<', '&', '"', "'", ']]>', '<!--', '\r', '\t'),
    fc.string({ unit: 'binary', maxLength: 6 }),
    fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 3 }),
  );
  const awkwardName = fc.array(awkward, { minLength: 1, maxLength: 30 }).map((parts) => `N${parts.join('')}`);

  it('keeps the measure chart (SVG) well-formed XML whatever its name holds', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(awkwardName, async (name) => {
        const id = `XMLM${++n}`;
        await post('/api/plans/SIP/measures', { id, name, unit: 'percent', polarity: 'higher', amberTolerance: 3, baseline: { period: '2013', value: 60 } });
        const written = await post(`/api/measures/${id}/values`, { period: '2014', value: 70, source: name });
        const res = await t.http().get(`/api/measures/${id}/chart.svg?minPosition=${written.position}`).set(bearer(admin)).buffer(true).expect(200);
        const svg = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text;
        expect({ name, problem: xmlProblem(svg) }).toEqual({ name, problem: undefined });
      }),
      { numRuns: 40 },
    );
  });

  it('keeps the HTML evidence pack well-formed whatever its titles, owners and reasons hold', async () => {
    await post('/api/plans', { id: 'XMLP', kind: 'other', title: 'Evidence \u0000\u001b\ud800 pack' });
    await post('/api/plans/XMLP/workstreams', { id: 'XMLP.WS', title: 'Work-stream \u0007\uffff' });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(awkwardName, awkwardName, async (title, reason) => {
        const id = `XMLP.${++n}`;
        await post('/api/plans/XMLP/actions', { id, workstreamId: 'XMLP.WS', title, ref: title.slice(0, 200), owners: [title.slice(0, 200)] });
        await post(`/api/actions/${id}/start`, { rag: 'G', note: reason });
        const written = await post(`/api/actions/${id}/rag`, { rag: 'R', reason });
        const res = await t.http().get(`/api/plans/XMLP/evidence?format=html&minPosition=${written.position}`).set(bearer(admin)).expect(200);
        expect({ title, reason, problem: htmlProblem(res.text) }).toEqual({ title, reason, problem: undefined });
      }),
      { numRuns: 25 },
    );
  });
});
