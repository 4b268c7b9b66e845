import type { PersonEvent } from '@rag-ledger/domain';
import { AuditTrailProjection, isPersonEvent, PeopleProjection, PeopleQueries, personEventTypes } from '@rag-ledger/projections';
import { projectionSpec, type GivenEvent } from './projection-spec';

const people = projectionSpec(() => new PeopleProjection());
const ADMIN = { id: 'ada', name: 'Ada Admin', role: 'admin' as const };

const chris: PersonEvent = { type: 'PersonAdded', data: { personId: 'cs', name: 'Chris Snudden', initials: 'CS', jobTitle: 'Head of Education Achievement Service' } };
const mary: PersonEvent = { type: 'PersonAdded', data: { personId: 'mje', name: 'Mary Jane Edwards', initials: 'MJE', email: 'mje@norfolk.gov.uk' } };
const at = (event: PersonEvent, when: string): GivenEvent => ({ ...event, at: when, actor: ADMIN });

describe('people projection: given events, then the directory', () => {
  it('reads every event of the directory and no other', () => {
    expect(new PeopleProjection().handles).toEqual(personEventTypes);
    expect(personEventTypes).toHaveLength(12);
    const recorded = (type: string) => ({ streamId: 's', revision: 0n, position: 1n, id: 'e', type, data: {}, metadata: {}, created: new Date(0) });
    expect([isPersonEvent(recorded('RoleGranted')), isPersonEvent(recorded('ActionAdded')), isPersonEvent(recorded('PlansImported'))]).toEqual([true, false, false]);
  });

  it('keeps each person with their details, whether active, their rights (roles, then plans) and sign-in state', () => {
    people
      .given(
        chris,
        mary,
        { type: 'PlanOwnershipGranted', data: { personId: 'cs', planId: 'SIP', reason: 'x' } },
        { type: 'RoleGranted', data: { personId: 'cs', role: 'board', reason: 'x' } },
        { type: 'PlanOwnershipGranted', data: { personId: 'cs', planId: 'EDU', reason: 'x' } },
        { type: 'PlanOwnershipRevoked', data: { personId: 'cs', planId: 'SIP', reason: 'x' } },
        { type: 'SchoolRightGranted', data: { personId: 'cs', role: 'board', urn: '654321', reason: 'x' } },
        { type: 'SchoolRightGranted', data: { personId: 'cs', role: 'board', urn: '111111', reason: 'x' } },
        { type: 'SchoolRightRevoked', data: { personId: 'cs', role: 'board', urn: '654321', reason: 'x' } },
        { type: 'PersonDetailsRevised', data: { personId: 'mje', changes: { jobTitle: 'Head of Education Intervention Service', email: 'mary.edwards@norfolk.gov.uk' }, reason: 'x' } },
        { type: 'PersonInvited', data: { personId: 'mje', invitationId: 'i1', purpose: 'invitation', expiresAt: '2013-11-08T00:00:00.000Z' } },
        { type: 'InvitationAccepted', data: { personId: 'mje', invitationId: 'i1' } },
        { type: 'PersonInvited', data: { personId: 'mje', invitationId: 'i2', purpose: 'reset', expiresAt: '2013-11-09T00:00:00.000Z' } },
        { type: 'PersonDeactivated', data: { personId: 'cs', reason: 'Left' } },
        { type: 'RoleGranted', data: { personId: 'nobody', role: 'board', reason: 'an event about nobody the directory has' } },
      )
      .then('SELECT id, name, initials, job_title, email, active, rights, sign_in, added_at, last_changed_at, seq FROM people ORDER BY seq', [
        {
          id: 'cs', name: 'Chris Snudden', initials: 'CS', job_title: 'Head of Education Achievement Service', email: null, active: 0,
          rights: '[{"role":"board"},{"role":"owner","planId":"EDU"},{"role":"board","urn":"111111"}]', sign_in: 'not-invited', added_at: '2013-11-01T09:00:00.000Z', last_changed_at: '2013-11-01T09:13:00.000Z', seq: 1,
        },
        {
          id: 'mje', name: 'Mary Jane Edwards', initials: 'MJE', job_title: 'Head of Education Intervention Service', email: 'mary.edwards@norfolk.gov.uk', active: 1,
          rights: '[]', sign_in: 'set-up', added_at: '2013-11-01T09:01:00.000Z', last_changed_at: '2013-11-01T09:11:00.000Z', seq: 2,
        },
      ]);
  });

  it('answers the directory as it stood at any instant: who held which right, and who was active, then', () => {
    const { db } = people.given(
      at(chris, '2013-11-01T09:00:00.000Z'),
      at({ type: 'PlanOwnershipGranted', data: { personId: 'cs', planId: 'EDU', reason: 'Leads it' } }, '2013-11-10T09:00:00.000Z'),
      at(mary, '2013-11-15T09:00:00.000Z'),
      at({ type: 'PlanOwnershipRevoked', data: { personId: 'cs', planId: 'EDU', reason: 'Moved' } }, '2013-12-01T09:00:00.000Z'),
      at({ type: 'PersonDeactivated', data: { personId: 'cs', reason: 'Left' } }, '2013-12-05T09:00:00.000Z'),
      at({ type: 'PersonDetailsRevised', data: { personId: 'mje', changes: { initials: 'MJEd' }, reason: 'Two MJE' } }, '2013-12-06T09:00:00.000Z'),
    );
    try {
      const q = new PeopleQueries(db);
      const summary = (asOf?: string) => q.people(asOf ? { asOf } : undefined).map((p) => [p.id, p.initials, p.active, p.rights]);
      expect(summary('2013-10-31T23:59:59.999Z')).toEqual([]);
      expect(summary('2013-11-10T09:00:00.000Z')).toEqual([['cs', 'CS', true, [{ role: 'owner', planId: 'EDU' }]]]);
      expect(summary('2013-11-30T23:59:59.999Z')).toEqual([['cs', 'CS', true, [{ role: 'owner', planId: 'EDU' }]], ['mje', 'MJE', true, []]]);
      expect(summary('2013-12-05T12:00:00.000Z')).toEqual([['cs', 'CS', false, []], ['mje', 'MJE', true, []]]);
      expect(summary()).toEqual([['cs', 'CS', false, []], ['mje', 'MJEd', true, []]]);
      expect(q.person('cs', { asOf: '2013-11-20T00:00:00.000Z' })).toMatchObject({ id: 'cs', active: true, rights: [{ role: 'owner', planId: 'EDU' }], jobTitle: 'Head of Education Achievement Service' });
      expect(q.person('mje', { asOf: '2013-11-01T12:00:00.000Z' })).toBeUndefined();
      expect(q.person('nobody')).toBeUndefined();
      // By initials, folded: a Cyrillic С finds CS; initials revised are found under the new ones from then on.
      expect(q.personWithInitials('\u0421S')?.id).toBe('cs');
      expect(q.personWithInitials('MJE', { asOf: '2013-12-01T00:00:00.000Z' })?.id).toBe('mje');
      expect(q.personWithInitials('MJE')).toBeUndefined();
      expect(q.directory().ownerPeople(['MJEd', 'ZZ'])).toEqual([{ initials: 'MJEd', personId: 'mje', name: 'Mary Jane Edwards' }, { initials: 'ZZ' }]);
    } finally {
      db.close();
    }
  });
});

describe('audit trail of the directory: who granted what to whom, when and why', () => {
  it('records each directory event with its person and reason, and no plan: it is the directory\'s, not the plan\'s', () => {
    projectionSpec(() => new AuditTrailProjection())
      .given(
        at(chris, '2013-11-01T09:00:00.000Z'),
        at({ type: 'PlanOwnershipGranted', data: { personId: 'cs', planId: 'EDU', reason: 'Leads the education plan' } }, '2013-11-10T09:00:00.000Z'),
        at({ type: 'PersonInvited', data: { personId: 'cs', invitationId: 'i1', purpose: 'invitation', expiresAt: '2013-11-17T09:00:00.000Z' } }, '2013-11-10T09:01:00.000Z'),
        at({ type: 'PersonDeactivated', data: { personId: 'cs', reason: 'Left the council' } }, '2013-12-01T09:00:00.000Z'),
      )
      .then('SELECT stream_id, type, at, actor_id, actor_role, plan_id, person_id, reason FROM audit_trail.audit_events ORDER BY position', [
        { stream_id: 'directory-people', type: 'PersonAdded', at: '2013-11-01T09:00:00.000Z', actor_id: 'ada', actor_role: 'admin', plan_id: null, person_id: 'cs', reason: null },
        { stream_id: 'directory-people', type: 'PlanOwnershipGranted', at: '2013-11-10T09:00:00.000Z', actor_id: 'ada', actor_role: 'admin', plan_id: null, person_id: 'cs', reason: 'Leads the education plan' },
        { stream_id: 'directory-people', type: 'PersonInvited', at: '2013-11-10T09:01:00.000Z', actor_id: 'ada', actor_role: 'admin', plan_id: null, person_id: 'cs', reason: null },
        { stream_id: 'directory-people', type: 'PersonDeactivated', at: '2013-12-01T09:00:00.000Z', actor_id: 'ada', actor_role: 'admin', plan_id: null, person_id: 'cs', reason: 'Left the council' },
      ]);
  });
});
