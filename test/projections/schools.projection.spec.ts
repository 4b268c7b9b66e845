import { type CategorySchemeEvent, type EventMetadata, type SchoolEvent, NORFOLK_SCHEME, schemeStream, schoolStream } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import { openReadModelDatabase, readsType, SchoolsProjection, SchoolsQueries, toSchoolRow } from '@rag-ledger/projections';

/** The schools register's read model (schools.projection.ts) and its reads (schools.queries.ts), given events. */
type Given = (SchoolEvent | CategorySchemeEvent) & { at?: string };

const OFFICER = { id: 'jw', name: 'Janet Warburton', role: 'officer' as const };

function given(...events: Given[]) {
  const db = openReadModelDatabase(':memory:');
  const projection = new SchoolsProjection();
  projection.setup(db, 'live');
  const revisions = new Map<string, number>();
  db.transaction(() => {
    events.forEach(({ at, ...event }, i) => {
      const data = event.data as { urn?: string; schemeId?: string };
      const streamId = data.urn !== undefined ? schoolStream(data.urn) : schemeStream(data.schemeId!);
      const revision = (revisions.get(streamId) ?? -1) + 1;
      revisions.set(streamId, revision);
      const metadata: EventMetadata = { actor: OFFICER, at: at ?? new Date(Date.UTC(2013, 10, 1, 9, i)).toISOString(), correlationId: `r-${i}`, causationId: `c-${i}` };
      const recorded: RecordedEvent = { streamId, revision: BigInt(revision), position: BigInt(i + 1), id: `e-${i + 1}`, type: event.type, data: event.data, metadata, created: new Date(metadata.at) };
      if (readsType(projection, recorded.type)) projection.apply(recorded);
    });
  })();
  return { db, queries: new SchoolsQueries(db) };
}

const norfolk: Given = { type: 'CategorySchemeDefined', data: { schemeId: 'norfolk', name: NORFOLK_SCHEME.name, kind: 'category', categories: NORFOLK_SCHEME.categories } };
const registered = (urn: string, name: string, extra: Partial<Extract<SchoolEvent, { type: 'SchoolRegistered' }>['data']> = {}): Given => ({
  type: 'SchoolRegistered',
  data: { urn, name, phase: 'primary', type: 'maintained', district: 'Breckland', ...extra },
});
const categorised = (urn: string, category: string, categorisedOn: string, at?: string): Given => ({
  type: 'SchoolCategorised',
  data: { urn, scheme: 'norfolk', category, categorisedOn, reason: `Termly review ${categorisedOn}` },
  ...(at ? { at } : {}),
});

describe('schools projection: given events, then rows', () => {
  it('stores every school event with its school, revision, effective day, time and actor, and each scheme as it now stands', () => {
    const { db, queries } = given(
      norfolk,
      registered('121212', 'Ashill Primary', { openedOn: '1990-09-01' }),
      { type: 'SchoolDetailsRevised', data: { urn: '121212', changes: { district: 'South Norfolk' }, reason: 'National schools list refreshed' } },
      categorised('121212', 'B3', '2013-09-01'),
      { type: 'CategorySchemeRevised', data: { schemeId: 'norfolk', name: 'Norfolk categories 2014', categories: NORFOLK_SCHEME.categories.slice(0, 3), reason: 'Fewer categories' } },
      // A revision of a scheme never defined is read as the decider would refuse it: nothing.
      { type: 'CategorySchemeRevised', data: { schemeId: 'ghost', name: 'x', categories: [], reason: 'x' } },
    );
    expect(db.prepare('SELECT position, urn, revision, type, effective_on, recorded_at, json_extract(actor, \'$.id\') AS actor FROM school_events ORDER BY position').all()).toEqual([
      { position: 2, urn: '121212', revision: 0, type: 'SchoolRegistered', effective_on: '1990-09-01', recorded_at: '2013-11-01T09:01:00.000Z', actor: 'jw' },
      { position: 3, urn: '121212', revision: 1, type: 'SchoolDetailsRevised', effective_on: null, recorded_at: '2013-11-01T09:02:00.000Z', actor: 'jw' },
      { position: 4, urn: '121212', revision: 2, type: 'SchoolCategorised', effective_on: '2013-09-01', recorded_at: '2013-11-01T09:03:00.000Z', actor: 'jw' },
    ]);
    expect(queries.revisionOf('121212')).toBe(2);
    expect(queries.revisionOf('999999')).toBeUndefined();
    const schemes = queries.schemes();
    expect([...schemes.keys()]).toEqual(['norfolk']);
    expect(schemes.get('norfolk')).toMatchObject({ exists: true, id: 'norfolk', name: 'Norfolk categories 2014', kind: 'category', revision: 1 });
    expect(schemes.get('norfolk')!.categories.map((c) => c.code)).toEqual(['A4', 'B3', 'C3']);
    expect(queries.lastPosition()).toBe(5);
    db.close();
  });

  it('reads the register as at a UK day: a categorisation recorded late counts from its own day, a school not yet open is not there', () => {
    const { db, queries } = given(
      norfolk,
      registered('121212', 'Ashill Primary', { openedOn: '1990-09-01' }),
      registered('131313', 'Bawdeswell Academy', { openedOn: '2013-12-01', type: 'academy-converter', predecessorUrn: '121212' }),
      categorised('121212', 'B3', '2013-09-01'),
      // Recorded in November for 1 October: September's register still says B3, October's A4.
      categorised('121212', 'A4', '2013-10-01', '2013-11-20T10:00:00.000Z'),
      { type: 'SchoolConverted', data: { urn: '121212', successorUrn: '131313', convertedOn: '2013-12-01', reason: 'Academy order' } },
    );
    const codes = (day?: string) => queries.schoolsOn(day).map((s) => [s.urn, s.categories.norfolk?.code ?? null, s.closedOn ?? null]);
    expect(codes('2013-08-31')).toEqual([['121212', null, null]]);
    expect(codes('2013-09-30')).toEqual([['121212', 'B3', null]]);
    expect(codes('2013-10-01')).toEqual([['121212', 'A4', null]]);
    // Converted: the school is still read (closed), and its academy is there from its opening day.
    expect(codes('2013-12-01')).toEqual([['121212', 'A4', '2013-12-01'], ['131313', null, null]]);
    expect(codes()).toEqual(codes('2013-12-01'));
    expect(queries.school('131313', '2013-11-30')).toBeUndefined();
    expect(queries.school('131313', '2013-12-01')).toMatchObject({ urn: '131313', predecessorUrn: '121212' });
    expect(queries.school('121212', '2013-12-01')).toMatchObject({ successorUrn: '131313' });
    expect(queries.school('404040')).toBeUndefined();
    db.close();
  });

  it("builds the register's row: officers, notices in force, the last visit, the visit schedule and the improvement plan judged on the day", () => {
    const { db, queries } = given(
      norfolk,
      registered('121212', 'Ashill Primary', { openedOn: '1990-09-01', pupils: 210, trust: undefined }),
      categorised('121212', 'A4', '2013-09-02'),
      { type: 'OfficerAssigned', data: { urn: '121212', role: 'intervention-officer', name: 'Janet Warburton', personId: 'jw', assignedOn: '2013-09-02' } },
      { type: 'OfficerAssigned', data: { urn: '121212', role: 'challenge-partner', name: 'Chris Snudden', assignedOn: '2013-09-02' } },
      { type: 'OfstedJudgementRecorded', data: { urn: '121212', inspectedOn: '2013-09-10', publishedOn: '2013-10-01', grade: 4, category: 'special-measures', improvementPlanDueOn: '2013-10-15' } },
      { type: 'WarningNoticeIssued', data: { urn: '121212', noticeId: 'wn-1', kind: 'la-warning', section: null, issuedOn: '2013-09-20', reason: 'Standards' } },
      { type: 'WarningNoticeIssued', data: { urn: '121212', noticeId: 'wn-2', kind: 'performance-standards-safety', section: 'Section 60', issuedOn: '2013-09-21', reason: 'Safety' } },
      { type: 'WarningNoticeWithdrawn', data: { urn: '121212', noticeId: 'wn-1', withdrawnOn: '2013-10-05', reason: 'Replaced' } },
      { type: 'VisitRecorded', data: { urn: '121212', visitId: 'v-1', visitedOn: '2013-10-07', officer: 'Janet Warburton', purpose: 'Monitoring', notes: 'Good start', rag: 'A' } },
    );
    const schemes = queries.schemes();
    const row = (day: string) => toSchoolRow(queries.school('121212', day)!, day, schemes);
    expect(row('2013-10-16')).toEqual({
      urn: '121212', name: 'Ashill Primary', phase: 'primary', type: 'maintained', district: 'Breckland', trust: null, openedOn: '1990-09-01', closedOn: null, pupils: 210,
      categories: { norfolk: 'A4' }, stages: {},
      ofsted: { grade: 4, category: 'special-measures', inspectedOn: '2013-09-10', publishedOn: '2013-10-01' },
      warningNotices: [{ noticeId: 'wn-2', kind: 'performance-standards-safety', issuedOn: '2013-09-21' }],
      officers: [
        { role: 'intervention-officer', name: 'Janet Warburton', personId: 'jw' },
        { role: 'challenge-partner', name: 'Chris Snudden', personId: null },
      ],
      lastVisit: { visitedOn: '2013-10-07', officer: 'Janet Warburton', rag: 'A' },
      // A4 sets a visit every two weeks: 14 days after the last visit.
      nextVisitDueOn: '2013-10-21', visitDue: 'due',
      improvementPlan: { dueOn: '2013-10-15', receivedOn: null, evaluatedOn: null, evaluation: null, overdue: true },
      predecessorUrn: null, successorUrn: null,
    });
    expect(row('2013-10-22')).toMatchObject({ visitDue: 'overdue' });
    // Before the visit: due two weeks after the category took effect, and long overdue by 6 October.
    expect(row('2013-10-06')).toMatchObject({ nextVisitDueOn: '2013-09-16', visitDue: 'overdue', lastVisit: null, improvementPlan: { overdue: false } });
    expect(row('2013-09-01')).toMatchObject({ categories: {}, visitDue: 'no-schedule', ofsted: null, officers: [], warningNotices: [] });
    db.close();
  });

  it("tells the school's timeline in words, in the order the events took effect, as at a day", () => {
    const { db, queries } = given(
      norfolk,
      registered('121212', 'Ashill Primary', { openedOn: '1990-09-01' }),
      categorised('121212', 'B3', '2013-09-01'),
      { type: 'OfstedJudgementRecorded', data: { urn: '121212', inspectedOn: '2013-09-10', publishedOn: '2013-10-01', grade: 4, category: 'serious-weaknesses', improvementPlanDueOn: '2013-10-15' } },
      { type: 'WarningNoticeIssued', data: { urn: '121212', noticeId: 'wn-1', kind: 'teachers-pay-conditions', section: 'Section 60A, Education and Inspections Act 2006', issuedOn: '2013-09-20', reason: 'Pay policy' } },
      { type: 'WarningNoticeWithdrawn', data: { urn: '121212', noticeId: 'wn-1', withdrawnOn: '2013-10-05', reason: 'Complied' } },
      { type: 'VisitRecorded', data: { urn: '121212', visitId: 'v-1', visitedOn: '2013-10-07', officer: 'Janet Warburton', purpose: 'Monitoring', notes: 'Governors engaged', rag: 'G' } },
      { type: 'PowerUsed', data: { urn: '121212', power: 'interim-executive-board', decidedBy: 'secretary-of-state', decidedOn: '2013-10-20', reason: 'No progress' } },
      // Recorded last, took effect first after the registration.
      { type: 'InterventionStageChanged', data: { urn: '121212', scheme: 'essex', stage: '3', changedOn: '2013-08-01', reason: 'Warning notice', automatic: true } },
      { type: 'SchoolDetailsRevised', data: { urn: '121212', changes: { name: 'Ashill VC Primary', phase: 'primary' }, reason: 'National schools list refreshed' }, at: '2013-11-05T10:00:00.000Z' },
    );
    const timeline = queries.timeline('121212');
    expect(timeline.map((e) => [e.effectiveOn, e.summary, e.reason])).toEqual([
      ['2013-11-05', 'Details revised: name now Ashill VC Primary; phase now Primary', 'National schools list refreshed'],
      ['1990-09-01', 'Registered Ashill Primary (Primary, maintained, opened 1990-09-01)', null],
      ['2013-08-01', 'Intervention stage 3 in essex (automatic escalation)', 'Warning notice'],
      ['2013-09-01', 'Categorised B3 (Schools who Require Improvement (may be judged Satisfactory / RI or better)) in Norfolk LA risk categories (A Good School for Every Norfolk Learner, 2013)', 'Termly review 2013-09-01'],
      ['2013-09-20', "Teachers' pay and conditions warning notice issued under Section 60A, Education and Inspections Act 2006", 'Pay policy'],
      ['2013-10-01', 'Ofsted judgement: grade 4, Inadequate, serious weaknesses (inspected 2013-09-10, published 2013-10-01); improvement plan due by 2013-10-15', null],
      ['2013-10-05', "Teachers' pay and conditions warning notice withdrawn", 'Complied'],
      ['2013-10-07', 'Visit by Janet Warburton: Monitoring; progress against its improvement plan rated green', 'Governors engaged'],
      ['2013-10-20', 'Power used: Interim executive board, decided by the Secretary of State', 'No progress'],
    ]);
    expect(timeline[3]).toMatchObject({ type: 'SchoolCategorised', at: '2013-11-01T09:02:00.000Z', by: OFFICER, position: 3, data: { category: 'B3' } });
    // As at 30 September: what had taken effect by then (the correction of details holds from the start).
    expect(queries.timeline('121212', '2013-09-30').map((e) => e.type)).toEqual(['SchoolDetailsRevised', 'SchoolRegistered', 'InterventionStageChanged', 'SchoolCategorised', 'WarningNoticeIssued']);
    expect(queries.timeline('404040')).toEqual([]);
    db.close();
  });
});
