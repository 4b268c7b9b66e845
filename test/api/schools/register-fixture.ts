import { ESSEX_STAGES, NORFOLK_SCHEME, schemeStream, schoolStream, type EventMetadata, type SchoolEvent } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { bearer, tokenFor, type TestApp } from '../../support/test-app';

/**
 * A small register for the read routes' specs, appended to the app's log as the write routes
 * would record it (the reads are what is under test here; the writes have their own specs):
 * Norfolk's categories and Essex's stages, and five schools.
 *
 * - 121212 Ashill Primary (Breckland): B3 from 1 Sept 2013, A4 from 1 Oct (recorded in
 *   November), grade 4 special measures published 1 Oct (plan due 15 Oct, never received),
 *   officer Janet Warburton (jw), visited 7 Oct (amber).
 * - 131313 Bawdeswell Primary (Broadland): E2 from 1 Sept.
 * - 141414 Cromer High (North Norfolk): A4 from 1 Sept, Essex stage 3 from 10 Sept, challenge partner Chris Snudden, visited 5 Sept.
 * - 151515 Diss Academy (South Norfolk): an academy opened 1 Nov 2013, no category.
 * - 161616 Eaton Primary (Norwich): C3 from 1 Sept, closed 20 Oct.
 */
export const URNS = { ashill: '121212', bawdeswell: '131313', cromer: '141414', diss: '151515', eaton: '161616' } as const;

const OFFICER = { id: 'jw', name: 'Janet Warburton', role: 'officer' as const };

const SCHOOLS: Array<[string, SchoolEvent[]]> = [
  [URNS.ashill, [
    { type: 'SchoolRegistered', data: { urn: URNS.ashill, name: 'Ashill Primary', phase: 'primary', type: 'maintained', district: 'Breckland', openedOn: '1990-09-01', pupils: 210 } },
    { type: 'SchoolCategorised', data: { urn: URNS.ashill, scheme: 'norfolk', category: 'B3', categorisedOn: '2013-09-01', reason: 'Autumn review' } },
    { type: 'OfficerAssigned', data: { urn: URNS.ashill, role: 'intervention-officer', name: 'Janet Warburton', personId: 'jw', assignedOn: '2013-09-01' } },
    { type: 'OfstedJudgementRecorded', data: { urn: URNS.ashill, inspectedOn: '2013-09-17', publishedOn: '2013-10-01', grade: 4, category: 'special-measures', improvementPlanDueOn: '2013-10-15' } },
    { type: 'VisitRecorded', data: { urn: URNS.ashill, visitId: 'v1', visitedOn: '2013-10-07', officer: 'Janet Warburton', purpose: 'Monitoring', notes: 'Leaders know the weaknesses', rag: 'A' } },
  ]],
  [URNS.bawdeswell, [
    { type: 'SchoolRegistered', data: { urn: URNS.bawdeswell, name: 'Bawdeswell Primary', phase: 'primary', type: 'maintained', district: 'Broadland', openedOn: '1975-09-01' } },
    { type: 'SchoolCategorised', data: { urn: URNS.bawdeswell, scheme: 'norfolk', category: 'E2', categorisedOn: '2013-09-01', reason: 'Autumn review' } },
  ]],
  [URNS.cromer, [
    { type: 'SchoolRegistered', data: { urn: URNS.cromer, name: 'Cromer High', phase: 'secondary', type: 'maintained', district: 'North Norfolk', openedOn: '1960-09-01' } },
    { type: 'SchoolCategorised', data: { urn: URNS.cromer, scheme: 'norfolk', category: 'A4', categorisedOn: '2013-09-01', reason: 'Autumn review' } },
    { type: 'InterventionStageChanged', data: { urn: URNS.cromer, scheme: 'essex-stages', stage: '3', changedOn: '2013-09-10', reason: 'Governors met', automatic: false } },
    { type: 'OfficerAssigned', data: { urn: URNS.cromer, role: 'challenge-partner', name: 'Chris Snudden', assignedOn: '2013-09-01' } },
    { type: 'VisitRecorded', data: { urn: URNS.cromer, visitId: 'v1', visitedOn: '2013-09-05', officer: 'Chris Snudden', purpose: 'Review', notes: '', rag: 'R' } },
  ]],
  [URNS.diss, [
    { type: 'SchoolRegistered', data: { urn: URNS.diss, name: 'Diss Academy', phase: 'secondary', type: 'academy-converter', district: 'South Norfolk', trust: 'Diss Trust', openedOn: '2013-11-01' } },
  ]],
  [URNS.eaton, [
    { type: 'SchoolRegistered', data: { urn: URNS.eaton, name: 'Eaton Primary', phase: 'primary', type: 'maintained', district: 'Norwich', openedOn: '1950-09-01' } },
    { type: 'SchoolCategorised', data: { urn: URNS.eaton, scheme: 'norfolk', category: 'C3', categorisedOn: '2013-09-01', reason: 'Autumn review' } },
    { type: 'SchoolClosed', data: { urn: URNS.eaton, closedOn: '2013-10-20', reason: 'Amalgamated' } },
  ]],
];

/** Appends the register to the app's log and waits for the read models; answers the last position. */
export async function seedRegister(t: TestApp): Promise<number> {
  const store = t.app.get<EventStore>(EVENT_STORE);
  let minute = 0;
  const metadata = (): EventMetadata => ({ actor: OFFICER, at: new Date(Date.UTC(2013, 10, 1, 9, minute++)).toISOString(), correlationId: `seed-${minute}`, causationId: `seed-${minute}` });
  for (const scheme of [NORFOLK_SCHEME, ESSEX_STAGES]) {
    await store.appendToStream(schemeStream(scheme.schemeId), { type: 'CategorySchemeDefined', data: scheme, metadata: metadata() });
  }
  for (const [urn, events] of SCHOOLS) {
    await store.appendToStream(schoolStream(urn), events.map((event) => ({ ...event, metadata: metadata() })));
  }
  // Recorded last, for 1 October: the register as at September still says B3.
  const last = await store.appendToStream(schoolStream(URNS.ashill), {
    type: 'SchoolCategorised',
    data: { urn: URNS.ashill, scheme: 'norfolk', category: 'A4', previous: 'B3', categorisedOn: '2013-10-01', reason: 'Special measures' },
    metadata: metadata(),
  });
  const position = Number(last.position);
  await t.http().get(`/api/category-schemes?minPosition=${position}`).set(bearer(tokenFor('admin'))).expect(200);
  return position;
}
