import {
  EmailTakenError,
  InitialsTakenError,
  InvitationNotValidError,
  LastAdminError,
  OwnerRightNeedsPlanError,
  PeopleImportRefusedError,
  PersonDeactivatedError,
  peopleDecider,
  RightNotHeldError,
  type PersonEvent,
} from '@rag-ledger/domain';
import { deciderSpec } from './decider-spec';

const given = deciderSpec(peopleDecider);

const chrisAdded: PersonEvent = {
  type: 'PersonAdded',
  data: { personId: 'cs', name: 'Chris Snudden', initials: 'CS', jobTitle: 'Head of Education Achievement Service', email: 'chris.snudden@norfolk.gov.uk' },
};
const adaAdded: PersonEvent = { type: 'PersonAdded', data: { personId: 'ada', name: 'Ada Admin', initials: 'AA', email: 'ada@norfolk.gov.uk' } };
const adaAdmin: PersonEvent = { type: 'RoleGranted', data: { personId: 'ada', role: 'admin', reason: 'First administrator' } };

describe('the directory of people: given events, when a command, then events', () => {
  it('adds a person with initials folded from Cyrillic look-alikes and the email lower-cased', () => {
    given([]).when({ type: 'AddPerson', data: { personId: 'cs', name: ' Chris  Snudden ', initials: 'СS', email: 'Chris.Snudden@Norfolk.gov.uk' } }).then({
      type: 'PersonAdded',
      data: { personId: 'cs', name: 'Chris Snudden', initials: 'CS', email: 'chris.snudden@norfolk.gov.uk' },
    });
  });

  it('refuses initials or an email that already stand for somebody else', () => {
    given([chrisAdded]).when({ type: 'AddPerson', data: { personId: 'cs2', name: 'Carol Smith', initials: 'CS' } }).thenThrows(InitialsTakenError, /Chris Snudden/);
    given([chrisAdded])
      .when({ type: 'AddPerson', data: { personId: 'cx', name: 'Carol Smith', initials: 'CSm', email: 'CHRIS.SNUDDEN@norfolk.gov.uk' } })
      .thenThrows(EmailTakenError);
  });

  it('imports a list, skipping rows that say what is there and catching a clash within the list', () => {
    given([chrisAdded])
      .when({
        type: 'ImportPeople',
        data: { reason: 'Glossary', people: [{ personId: 'x', name: 'Chris Snudden', initials: 'CS' }, { personId: 'mje', name: 'Mary Evans', initials: 'MJE' }] },
      })
      .then({ type: 'PersonAdded', data: { personId: 'mje', name: 'Mary Evans', initials: 'MJE' } });
    given([])
      .when({
        type: 'ImportPeople',
        data: { reason: 'CSV', people: [{ personId: 'a', name: 'A One', initials: 'AB', email: 'a@x.gov.uk' }, { personId: 'b', name: 'B Two', initials: 'AC', email: 'a@x.gov.uk', line: 3 }] },
      })
      .thenThrows(PeopleImportRefusedError, /line 3: The email "a@x.gov.uk" is already A One's/);
  });

  it('grants ownership of a plan, once: granting it again is nothing happened', () => {
    const grant = { type: 'GrantRight', data: { personId: 'cs', role: 'owner', planId: 'EDU', reason: 'Leads the education plan' } } as const;
    given([chrisAdded]).when(grant).then({ type: 'PlanOwnershipGranted', data: { personId: 'cs', planId: 'EDU', reason: 'Leads the education plan' } });
    given([chrisAdded, { type: 'PlanOwnershipGranted', data: { personId: 'cs', planId: 'EDU', reason: 'x' } }]).when(grant).then([]);
    given([chrisAdded]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'owner', reason: 'x' } }).thenThrows(OwnerRightNeedsPlanError);
  });

  it('refuses to revoke a right not held, or the last active admin', () => {
    given([chrisAdded]).when({ type: 'RevokeRight', data: { personId: 'cs', role: 'board', reason: 'Left the board' } }).thenThrows(RightNotHeldError);
    given([adaAdded, adaAdmin]).when({ type: 'RevokeRight', data: { personId: 'ada', role: 'admin', reason: 'x' } }).thenThrows(LastAdminError);
    given([adaAdded, adaAdmin]).when({ type: 'DeactivatePerson', data: { personId: 'ada', reason: 'Left' } }).thenThrows(LastAdminError);
  });

  it('grants nothing to a deactivated person', () => {
    given([chrisAdded, { type: 'PersonDeactivated', data: { personId: 'cs', reason: 'Left the council' } }])
      .when({ type: 'GrantRight', data: { personId: 'cs', role: 'board', reason: 'x' } })
      .thenThrows(PersonDeactivatedError);
  });

  it('accepts only the newest unexpired unused invitation', () => {
    const invited = (invitationId: string, expiresAt: string): PersonEvent => ({ type: 'PersonInvited', data: { personId: 'cs', invitationId, purpose: 'invitation', expiresAt } });
    const accept = (invitationId: string, now: string) => ({ type: 'AcceptInvitation', data: { personId: 'cs', invitationId, now } }) as const;
    given([chrisAdded, invited('i1', '2026-12-08T00:00:00.000Z')]).when(accept('i1', '2026-12-01T12:00:00.000Z')).then({ type: 'InvitationAccepted', data: { personId: 'cs', invitationId: 'i1' } });
    given([chrisAdded, invited('i1', '2026-12-08T00:00:00.000Z')]).when(accept('i1', '2026-12-08T00:00:00.000Z')).thenThrows(InvitationNotValidError, /expired/);
    given([chrisAdded, invited('i1', '2026-12-08T00:00:00.000Z'), { type: 'InvitationAccepted', data: { personId: 'cs', invitationId: 'i1' } }])
      .when(accept('i1', '2026-12-01T12:00:00.000Z'))
      .thenThrows(InvitationNotValidError, /already been used/);
    given([chrisAdded, invited('i1', '2026-12-08T00:00:00.000Z'), invited('i2', '2026-12-09T00:00:00.000Z')])
      .when(accept('i1', '2026-12-01T12:00:00.000Z'))
      .thenThrows(InvitationNotValidError, /newer/);
  });
});
