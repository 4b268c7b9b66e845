import {
  EmailTakenError,
  evolvePeople,
  InitialsTakenError,
  initialPeopleState,
  InvitationNeedsEmailError,
  InvitationNotValidError,
  LastAdminError,
  NothingToReviseError,
  OwnerRightNeedsPlanError,
  PeopleImportRefusedError,
  peopleDecider,
  PersonAlreadyExistsError,
  personByEmail,
  personByInitials,
  PersonDeactivatedError,
  PersonDetailsInvalidError,
  personIdFor,
  PersonNotFoundError,
  ReasonRequiredError,
  RightNeedsNoPlanError,
  RightNeedsNoSchoolError,
  RightNotHeldError,
  rightsOf,
  SchoolRightNeedsUrnError,
  UrnInvalidError,
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

describe('the directory of people: every command and rule', () => {
  const maryAdded: PersonEvent = { type: 'PersonAdded', data: { personId: 'mje', name: 'Mary Jane Edwards', initials: 'MJE' } };
  const bobAdded: PersonEvent = { type: 'PersonAdded', data: { personId: 'bob', name: 'Bob Board', initials: 'BB' } };
  const bobAdmin: PersonEvent = { type: 'RoleGranted', data: { personId: 'bob', role: 'admin', reason: 'Second administrator' } };

  describe('AddPerson', () => {
    it('gives a person without an id one from their initials, in lower case, and the next free one when that is taken', () => {
      given([]).when({ type: 'AddPerson', data: { name: 'Chris Snudden', initials: 'CS' } }).then({ type: 'PersonAdded', data: { personId: 'cs', name: 'Chris Snudden', initials: 'CS' } });
      // Chris's initials were revised, so CS is free again but the id cs is not.
      const revised: PersonEvent = { type: 'PersonDetailsRevised', data: { personId: 'cs', changes: { initials: 'CSn' }, reason: 'Two CS in the plans' } };
      given([chrisAdded, revised]).when({ type: 'AddPerson', data: { name: 'Carol Smith', initials: 'CS' } }).then({ type: 'PersonAdded', data: { personId: 'cs-2', name: 'Carol Smith', initials: 'CS' } });
      expect(personIdFor(evolvePeople(evolvePeople(initialPeopleState(), chrisAdded), revised), '\u0421S')).toBe('cs-2');
    });

    it('refuses an id already in the directory, a blank name, initials not as plans print them, and a malformed email', () => {
      given([chrisAdded]).when({ type: 'AddPerson', data: { personId: 'cs', name: 'Carol Smith', initials: 'CSm' } }).thenThrows(PersonAlreadyExistsError);
      given([]).when({ type: 'AddPerson', data: { name: '   ', initials: 'CS' } }).thenThrows(PersonDetailsInvalidError, /needs a name/);
      for (const initials of ['cs', 'C1', 'ABCDEFGHI', '']) {
        given([]).when({ type: 'AddPerson', data: { name: 'Carol Smith', initials } }).thenThrows(PersonDetailsInvalidError, /not initials/);
      }
      given([]).when({ type: 'AddPerson', data: { name: 'Carol Smith', initials: 'CS', email: 'carol@' } }).thenThrows(PersonDetailsInvalidError, /not an email/);
    });

    it('keeps case in initials ("Sp" and "SP" are two people), drops spaces in them, and a blank job title', () => {
      given([{ type: 'PersonAdded', data: { personId: 'sp', name: 'Sam Page', initials: 'SP' } }])
        .when({ type: 'AddPerson', data: { personId: 'sp2', name: 'Sue Piper', initials: 'Sp' } })
        .then({ type: 'PersonAdded', data: { personId: 'sp2', name: 'Sue Piper', initials: 'Sp' } });
      given([]).when({ type: 'AddPerson', data: { name: 'Mary Jane Edwards', initials: ' M J E ', jobTitle: '  ' } }).then({ type: 'PersonAdded', data: { personId: 'mje', name: 'Mary Jane Edwards', initials: 'MJE' } });
    });
  });

  describe('ImportPeople', () => {
    it('adds the new, revises only what changed for initials already there, and changes nothing on a repeat', () => {
      const rows = [
        { name: 'Chris Snudden', initials: 'CS', jobTitle: 'Head of Education Achievement Service' },
        { name: 'Mary Jane Edwards', initials: 'MJE', jobTitle: 'Head of Education Intervention Service' },
        { name: 'Bev Hall', initials: '\u0412\u041d' },
      ];
      given([chrisAdded, maryAdded])
        .when({ type: 'ImportPeople', data: { reason: 'Glossary', people: rows } })
        .then([
          { type: 'PersonDetailsRevised', data: { personId: 'mje', changes: { jobTitle: 'Head of Education Intervention Service' }, reason: 'Glossary' } },
          { type: 'PersonAdded', data: { personId: 'bh', name: 'Bev Hall', initials: 'BH' } },
        ]);
      const imported: PersonEvent[] = [
        { type: 'PersonDetailsRevised', data: { personId: 'mje', changes: { jobTitle: 'Head of Education Intervention Service' }, reason: 'Glossary' } },
        { type: 'PersonAdded', data: { personId: 'bh', name: 'Bev Hall', initials: 'BH' } },
      ];
      given([chrisAdded, maryAdded, ...imported]).when({ type: 'ImportPeople', data: { reason: 'Glossary', people: rows } }).then([]);
    });

    it('names every wrong row by its line and writes none: a bad row, a clash with the directory, a clash within the list', () => {
      given([chrisAdded])
        .when({
          type: 'ImportPeople',
          data: {
            reason: 'CSV',
            people: [
              { name: 'Paul Dunning', initials: 'PD', line: 2 },
              { name: 'Carol Smith', initials: 'cs', line: 3 },
              { name: 'Carl Snow', initials: 'CSn', email: 'CHRIS.snudden@norfolk.gov.uk', line: 4 },
              { name: 'Pat Dunn', initials: 'PDu', email: 'pd@norfolk.gov.uk', line: 5 },
              { name: 'Pam Dee', initials: 'PDe', email: 'pd@norfolk.gov.uk', line: 6 },
            ],
          },
        })
        .thenThrows(PeopleImportRefusedError, /line 3: "cs" are not initials.*; line 4: The email "chris.snudden@norfolk.gov.uk" is already Chris Snudden's.*; line 6: The email "pd@norfolk.gov.uk" is already Pat Dunn's/);
      let refused: PeopleImportRefusedError | undefined;
      try {
        peopleDecider.decide({ type: 'ImportPeople', data: { reason: 'CSV', people: [{ name: 'A', initials: 'a' }, { name: 'B', initials: 'b', line: 9 }] } }, initialPeopleState());
      } catch (error) {
        refused = error as PeopleImportRefusedError;
      }
      expect(refused?.problems.map((p) => p.split(':')[0])).toEqual(['row 1', 'line 9']);
    });

    it('needs a reason, recorded on every revision', () => {
      given([]).when({ type: 'ImportPeople', data: { reason: ' ', people: [{ name: 'Paul Dunning', initials: 'PD' }] } }).thenThrows(ReasonRequiredError);
    });
  });

  describe('RevisePersonDetails', () => {
    it('records only the fields that change, folded and trimmed, with the reason', () => {
      given([chrisAdded])
        .when({ type: 'RevisePersonDetails', data: { personId: 'cs', changes: { name: 'Chris Snudden', initials: 'CSn', email: ' C.Snudden@Norfolk.gov.uk ' }, reason: 'New email' } })
        .then({ type: 'PersonDetailsRevised', data: { personId: 'cs', changes: { initials: 'CSn', email: 'c.snudden@norfolk.gov.uk' }, reason: 'New email' } });
    });

    it('frees the old initials and email for somebody else once revised', () => {
      const revised: PersonEvent = { type: 'PersonDetailsRevised', data: { personId: 'cs', changes: { initials: 'CSn', email: 'c.snudden@norfolk.gov.uk' }, reason: 'r' } };
      given([chrisAdded, revised])
        .when({ type: 'AddPerson', data: { personId: 'carol', name: 'Carol Smith', initials: 'CS', email: 'chris.snudden@norfolk.gov.uk' } })
        .then({ type: 'PersonAdded', data: { personId: 'carol', name: 'Carol Smith', initials: 'CS', email: 'chris.snudden@norfolk.gov.uk' } });
    });

    it('refuses nothing to change, no reason, an unknown person, and initials or an email somebody else holds', () => {
      given([chrisAdded]).when({ type: 'RevisePersonDetails', data: { personId: 'cs', changes: { name: ' Chris Snudden ' }, reason: 'r' } }).thenThrows(NothingToReviseError);
      given([chrisAdded]).when({ type: 'RevisePersonDetails', data: { personId: 'cs', changes: { name: 'Christine Snudden' }, reason: '' } }).thenThrows(ReasonRequiredError);
      given([]).when({ type: 'RevisePersonDetails', data: { personId: 'cs', changes: { name: 'X' }, reason: 'r' } }).thenThrows(PersonNotFoundError);
      given([chrisAdded, maryAdded]).when({ type: 'RevisePersonDetails', data: { personId: 'mje', changes: { initials: 'CS' }, reason: 'r' } }).thenThrows(InitialsTakenError);
      given([chrisAdded, maryAdded])
        .when({ type: 'RevisePersonDetails', data: { personId: 'mje', changes: { email: 'chris.snudden@norfolk.gov.uk' }, reason: 'r' } })
        .thenThrows(EmailTakenError);
    });
  });

  describe('GrantRight and RevokeRight', () => {
    it('grants a council-wide role once, and refuses a plan with it', () => {
      given([chrisAdded]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'auditor', reason: 'Internal audit' } }).then({ type: 'RoleGranted', data: { personId: 'cs', role: 'auditor', reason: 'Internal audit' } });
      given([chrisAdded, { type: 'RoleGranted', data: { personId: 'cs', role: 'auditor', reason: 'x' } }]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'auditor', reason: 'again' } }).then([]);
      given([chrisAdded]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'board', planId: 'SIP', reason: 'x' } }).thenThrows(RightNeedsNoPlanError);
    });

    it('needs a reason and a person who is in the directory', () => {
      given([chrisAdded]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'board', reason: '  ' } }).thenThrows(ReasonRequiredError);
      given([chrisAdded]).when({ type: 'RevokeRight', data: { personId: 'cs', role: 'board', reason: '' } }).thenThrows(ReasonRequiredError);
      given([]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'board', reason: 'x' } }).thenThrows(PersonNotFoundError);
      given([]).when({ type: 'RevokeRight', data: { personId: 'cs', role: 'board', reason: 'x' } }).thenThrows(PersonNotFoundError);
    });

    it('revokes a role or a plan held, with the reason; a plan not owned is nothing to revoke', () => {
      const owns: PersonEvent = { type: 'PlanOwnershipGranted', data: { personId: 'cs', planId: 'EDU', reason: 'x' } };
      given([chrisAdded, owns]).when({ type: 'RevokeRight', data: { personId: 'cs', role: 'owner', planId: 'EDU', reason: 'Moved to LAC' } }).then({ type: 'PlanOwnershipRevoked', data: { personId: 'cs', planId: 'EDU', reason: 'Moved to LAC' } });
      given([chrisAdded, owns]).when({ type: 'RevokeRight', data: { personId: 'cs', role: 'owner', planId: 'SIP', reason: 'x' } }).thenThrows(RightNotHeldError, /plan "SIP"/);
      given([chrisAdded, owns]).when({ type: 'RevokeRight', data: { personId: 'cs', role: 'owner', reason: 'x' } }).thenThrows(OwnerRightNeedsPlanError);
      given([chrisAdded, { type: 'RoleGranted', data: { personId: 'cs', role: 'board', reason: 'x' } }])
        .when({ type: 'RevokeRight', data: { personId: 'cs', role: 'board', reason: 'Left the board' } })
        .then({ type: 'RoleRevoked', data: { personId: 'cs', role: 'board', reason: 'Left the board' } });
    });

    it('lets an admin go while another active admin remains, but not when the other is deactivated', () => {
      given([adaAdded, adaAdmin, bobAdded, bobAdmin]).when({ type: 'RevokeRight', data: { personId: 'ada', role: 'admin', reason: 'Handed over' } }).then({ type: 'RoleRevoked', data: { personId: 'ada', role: 'admin', reason: 'Handed over' } });
      given([adaAdded, adaAdmin, bobAdded, bobAdmin, { type: 'PersonDeactivated', data: { personId: 'bob', reason: 'Left' } }])
        .when({ type: 'RevokeRight', data: { personId: 'ada', role: 'admin', reason: 'x' } })
        .thenThrows(LastAdminError);
    });

    it('lists the rights held: council-wide roles first, then the plans owned, in order', () => {
      const state = [
        chrisAdded,
        { type: 'PlanOwnershipGranted', data: { personId: 'cs', planId: 'SIP', reason: 'x' } },
        { type: 'RoleGranted', data: { personId: 'cs', role: 'board', reason: 'x' } },
        { type: 'PlanOwnershipGranted', data: { personId: 'cs', planId: 'EDU', reason: 'x' } },
        { type: 'RoleGranted', data: { personId: 'cs', role: 'auditor', reason: 'x' } },
        { type: 'PlanOwnershipRevoked', data: { personId: 'cs', planId: 'SIP', reason: 'x' } },
      ].reduce((s, e) => evolvePeople(s, e as PersonEvent), initialPeopleState());
      expect(rightsOf(state.people.get('cs')!)).toEqual([{ role: 'auditor' }, { role: 'board' }, { role: 'owner', planId: 'EDU' }]);
    });
  });

  describe('school rights: GrantRight and RevokeRight with a URN', () => {
    const headteacher: PersonEvent = { type: 'SchoolRightGranted', data: { personId: 'cs', role: 'school', urn: '121212', reason: 'Headteacher of Ashwell Primary' } };

    it("grants a headteacher or chair their own school, once, and a board member a named school; a council-wide board role stays a RoleGranted", () => {
      given([chrisAdded])
        .when({ type: 'GrantRight', data: { personId: 'cs', role: 'school', urn: '121212', reason: 'Headteacher of Ashwell Primary' } })
        .then(headteacher);
      given([chrisAdded, headteacher]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'school', urn: '121212', reason: 'again' } }).then([]);
      given([chrisAdded])
        .when({ type: 'GrantRight', data: { personId: 'cs', role: 'board', urn: '654321', reason: 'Local member for Breckland' } })
        .then({ type: 'SchoolRightGranted', data: { personId: 'cs', role: 'board', urn: '654321', reason: 'Local member for Breckland' } });
      given([chrisAdded]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'board', reason: 'Sits on the board' } }).then({ type: 'RoleGranted', data: { personId: 'cs', role: 'board', reason: 'Sits on the board' } });
      given([chrisAdded]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'officer', reason: 'Intervention officer' } }).then({ type: 'RoleGranted', data: { personId: 'cs', role: 'officer', reason: 'Intervention officer' } });
    });

    it('refuses the school role without a URN, a URN on a role that takes none, a URN that is not six digits, and a deactivated person', () => {
      given([chrisAdded]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'school', reason: 'x' } }).thenThrows(SchoolRightNeedsUrnError, /urn/);
      given([chrisAdded]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'officer', urn: '121212', reason: 'x' } }).thenThrows(RightNeedsNoSchoolError, /officer role is held across the council/);
      given([chrisAdded]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'owner', planId: 'EDU', urn: '121212', reason: 'x' } }).thenThrows(RightNeedsNoSchoolError);
      given([chrisAdded]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'school', urn: '12121', reason: 'x' } }).thenThrows(UrnInvalidError, /six digits/);
      given([chrisAdded]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'school', urn: '121212', planId: 'EDU', reason: 'x' } }).thenThrows(RightNeedsNoPlanError);
      given([chrisAdded]).when({ type: 'GrantRight', data: { personId: 'cs', role: 'school', urn: '121212', reason: ' ' } }).thenThrows(ReasonRequiredError);
      given([chrisAdded, { type: 'PersonDeactivated', data: { personId: 'cs', reason: 'Left' } }])
        .when({ type: 'GrantRight', data: { personId: 'cs', role: 'school', urn: '121212', reason: 'x' } })
        .thenThrows(PersonDeactivatedError);
    });

    it('revokes a school right held; one not held (another school, or the other role for it) is nothing to revoke', () => {
      given([chrisAdded, headteacher])
        .when({ type: 'RevokeRight', data: { personId: 'cs', role: 'school', urn: '121212', reason: 'Moved to another school' } })
        .then({ type: 'SchoolRightRevoked', data: { personId: 'cs', role: 'school', urn: '121212', reason: 'Moved to another school' } });
      given([chrisAdded, headteacher]).when({ type: 'RevokeRight', data: { personId: 'cs', role: 'school', urn: '131313', reason: 'x' } }).thenThrows(RightNotHeldError, /for school 131313/);
      given([chrisAdded, headteacher]).when({ type: 'RevokeRight', data: { personId: 'cs', role: 'board', urn: '121212', reason: 'x' } }).thenThrows(RightNotHeldError);
      given([chrisAdded, headteacher]).when({ type: 'RevokeRight', data: { personId: 'cs', role: 'school', reason: 'x' } }).thenThrows(SchoolRightNeedsUrnError);
    });

    it('lists school rights after the roles and plans, by role then URN, as the contract Right { role, urn }', () => {
      const state = [
        chrisAdded,
        { type: 'SchoolRightGranted', data: { personId: 'cs', role: 'school', urn: '121212', reason: 'x' } },
        { type: 'SchoolRightGranted', data: { personId: 'cs', role: 'board', urn: '654321', reason: 'x' } },
        { type: 'SchoolRightGranted', data: { personId: 'cs', role: 'board', urn: '111111', reason: 'x' } },
        { type: 'RoleGranted', data: { personId: 'cs', role: 'board', reason: 'x' } },
        { type: 'SchoolRightRevoked', data: { personId: 'cs', role: 'board', urn: '654321', reason: 'x' } },
      ].reduce((s, e) => evolvePeople(s, e as PersonEvent), initialPeopleState());
      expect(rightsOf(state.people.get('cs')!)).toEqual([{ role: 'board' }, { role: 'board', urn: '111111' }, { role: 'school', urn: '121212' }]);
    });
  });

  describe('InvitePerson and AcceptInvitation', () => {
    const invite = { type: 'InvitePerson', data: { personId: 'cs', invitationId: 'i1', purpose: 'invitation', expiresAt: '2026-12-08T00:00:00.000Z' } } as const;

    it('issues a link to an active person with an email, recording no secret', () => {
      given([chrisAdded]).when(invite).then({ type: 'PersonInvited', data: { personId: 'cs', invitationId: 'i1', purpose: 'invitation', expiresAt: '2026-12-08T00:00:00.000Z' } });
      given([maryAdded]).when({ ...invite, data: { ...invite.data, personId: 'mje' } }).thenThrows(InvitationNeedsEmailError);
      given([chrisAdded, { type: 'PersonDeactivated', data: { personId: 'cs', reason: 'Left' } }]).when(invite).thenThrows(PersonDeactivatedError);
      given([]).when(invite).thenThrows(PersonNotFoundError);
    });

    it('refuses a link for another person or one never issued, and one accepted by a person since deactivated', () => {
      const invited: PersonEvent = { type: 'PersonInvited', data: invite.data };
      given([chrisAdded, invited]).when({ type: 'AcceptInvitation', data: { personId: 'cs', invitationId: 'nope', now: '2026-12-01T00:00:00.000Z' } }).thenThrows(InvitationNotValidError, /not one we issued/);
      given([chrisAdded, maryAdded, invited]).when({ type: 'AcceptInvitation', data: { personId: 'mje', invitationId: 'i1', now: '2026-12-01T00:00:00.000Z' } }).thenThrows(InvitationNotValidError, /not one we issued/);
      given([chrisAdded, invited, { type: 'PersonDeactivated', data: { personId: 'cs', reason: 'Left' } }])
        .when({ type: 'AcceptInvitation', data: { personId: 'cs', invitationId: 'i1', now: '2026-12-01T00:00:00.000Z' } })
        .thenThrows(PersonDeactivatedError);
    });

    it('marks the person as having a password once a link is used', () => {
      const state = [chrisAdded, { type: 'PersonInvited', data: invite.data }, { type: 'InvitationAccepted', data: { personId: 'cs', invitationId: 'i1' } }].reduce(
        (s, e) => evolvePeople(s, e as PersonEvent),
        initialPeopleState(),
      );
      expect(state.people.get('cs')?.hasPassword).toBe(true);
    });
  });

  describe('DeactivatePerson and ReactivatePerson', () => {
    it('deactivates with a reason, once; reactivates a deactivated person, once', () => {
      given([chrisAdded]).when({ type: 'DeactivatePerson', data: { personId: 'cs', reason: 'Left the council' } }).then({ type: 'PersonDeactivated', data: { personId: 'cs', reason: 'Left the council' } });
      const off: PersonEvent = { type: 'PersonDeactivated', data: { personId: 'cs', reason: 'Left the council' } };
      given([chrisAdded, off]).when({ type: 'DeactivatePerson', data: { personId: 'cs', reason: 'again' } }).then([]);
      given([chrisAdded, off]).when({ type: 'ReactivatePerson', data: { personId: 'cs', reason: 'Came back' } }).then({ type: 'PersonReactivated', data: { personId: 'cs', reason: 'Came back' } });
      given([chrisAdded]).when({ type: 'ReactivatePerson', data: { personId: 'cs', reason: 'x' } }).then([]);
    });

    it('needs a reason and a known person, and keeps the last active admin', () => {
      given([chrisAdded]).when({ type: 'DeactivatePerson', data: { personId: 'cs', reason: '' } }).thenThrows(ReasonRequiredError);
      given([chrisAdded]).when({ type: 'ReactivatePerson', data: { personId: 'cs', reason: ' ' } }).thenThrows(ReasonRequiredError);
      given([]).when({ type: 'DeactivatePerson', data: { personId: 'cs', reason: 'x' } }).thenThrows(PersonNotFoundError);
      given([]).when({ type: 'ReactivatePerson', data: { personId: 'cs', reason: 'x' } }).thenThrows(PersonNotFoundError);
      given([adaAdded, adaAdmin, bobAdded, bobAdmin]).when({ type: 'DeactivatePerson', data: { personId: 'ada', reason: 'Left' } }).then({ type: 'PersonDeactivated', data: { personId: 'ada', reason: 'Left' } });
    });

    it('keeps the rights of a deactivated person for the record, and grants them nothing until reactivated', () => {
      const events: PersonEvent[] = [chrisAdded, { type: 'RoleGranted', data: { personId: 'cs', role: 'board', reason: 'x' } }, { type: 'PersonDeactivated', data: { personId: 'cs', reason: 'Left' } }];
      const state = events.reduce(evolvePeople, initialPeopleState());
      expect(state.people.get('cs')).toMatchObject({ active: false });
      expect(rightsOf(state.people.get('cs')!)).toEqual([{ role: 'board' }]);
      given([...events, { type: 'PersonReactivated', data: { personId: 'cs', reason: 'Back' } }])
        .when({ type: 'GrantRight', data: { personId: 'cs', role: 'auditor', reason: 'x' } })
        .then({ type: 'RoleGranted', data: { personId: 'cs', role: 'auditor', reason: 'x' } });
    });
  });

  it('finds people by folded initials and by email whatever its case', () => {
    const state = [chrisAdded].reduce(evolvePeople, initialPeopleState());
    expect(personByInitials(state, '\u0421S')?.id).toBe('cs');
    expect(personByInitials(state, 'cs')).toBeUndefined();
    expect(personByEmail(state, ' CHRIS.SNUDDEN@norfolk.gov.uk')?.id).toBe('cs');
  });
});
