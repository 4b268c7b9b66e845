import {
  actingRole, callerOfRights, mayAttachEvidence, claimsFromPayload, holdsAnyRole, mayReadHistory, mayRecordSchools, maySeeEverySchool, maySeeSchool, mayUpdatePlan, PEOPLE_READERS, ROLE_NAMES, ROLES,
} from '@rag-ledger/contract';

/** The rules the API enforces and the web board reads to hide what the server would refuse. */
describe('the roles and what each may do', () => {
  it('lets admins update every plan, owners only their own, and the board and auditors none', () => {
    expect(mayUpdatePlan({ roles: ['owner'], plans: ['SIP'] }, 'SIP')).toBe(true);
    expect(mayUpdatePlan({ roles: ['owner'], plans: ['SIP'] }, 'LAC')).toBe(false);
    expect(mayUpdatePlan({ roles: ['admin'], plans: [] }, 'LAC')).toBe(true);
    expect(mayUpdatePlan({ roles: ['board'], plans: ['SIP'] }, 'SIP')).toBe(false);
    expect(mayUpdatePlan({ roles: ['auditor'], plans: ['SIP'] }, 'SIP')).toBe(false);
    expect(mayUpdatePlan(undefined, 'SIP')).toBe(false);
    expect(mayUpdatePlan({ roles: [], plans: ['SIP'] }, 'SIP')).toBe(false);
  });

  it('lets admins, owners of the plan and the people named as the action\'s owners attach evidence', () => {
    const named = [{ initials: 'AB', personId: 'andrea-brown', name: 'Andrea Brown' }, { initials: 'ZZ' }];
    expect(mayAttachEvidence({ roles: ['admin'], plans: [] }, 'SIP', 'admin-1', [])).toBe(true);
    expect(mayAttachEvidence({ roles: ['owner'], plans: ['SIP'] }, 'SIP', 'someone', [])).toBe(true);
    expect(mayAttachEvidence({ roles: ['owner'], plans: ['LAC'] }, 'SIP', 'andrea-brown', named)).toBe(true);
    expect(mayAttachEvidence({ roles: ['board'], plans: [] }, 'SIP', 'andrea-brown', named)).toBe(true);
    expect(mayAttachEvidence({ roles: ['board'], plans: [] }, 'SIP', 'board-1', named)).toBe(false);
    expect(mayAttachEvidence({ roles: ['owner'], plans: ['LAC'] }, 'SIP', undefined, named)).toBe(false);
  });

  it("makes a caller of a person's rights: every role held, and the plans owned", () => {
    const caller = callerOfRights([{ role: 'auditor' }, { role: 'owner', planId: 'SIP' }, { role: 'owner', planId: 'LAC' }]);
    expect(caller).toEqual({ roles: ['auditor', 'owner'], plans: ['SIP', 'LAC'], schools: [] });
    expect(mayUpdatePlan(caller, 'LAC')).toBe(true);
    expect(mayUpdatePlan(caller, 'EH')).toBe(false);
    expect(mayReadHistory(caller)).toBe(true);
    expect(callerOfRights([])).toEqual({ roles: [], plans: [], schools: [] });
  });

  it('records the widest role the route allows as the acting role', () => {
    expect(actingRole({ roles: ['auditor', 'owner', 'admin'] })).toBe('admin');
    expect(actingRole({ roles: ['auditor', 'owner'] }, ['owner', 'admin'])).toBe('owner');
    expect(actingRole({ roles: ['auditor'] }, ['owner', 'admin'])).toBeUndefined();
    expect(actingRole({ roles: [] })).toBeUndefined();
    expect(holdsAnyRole({ roles: ['board'] }, ['board', 'admin'])).toBe(true);
    expect(holdsAnyRole({ roles: [] }, ['board'])).toBe(false);
  });

  it('shows past boards to everyone but owners', () => {
    expect(ROLES.filter((role) => mayReadHistory({ roles: [role] }))).toEqual(['admin', 'board', 'auditor']);
    expect(mayReadHistory(undefined)).toBe(false);
  });

  it('lets admins and auditors read the directory of people and the rights held, and no one else', () => {
    expect(ROLES.filter((role) => holdsAnyRole({ roles: [role] }, PEOPLE_READERS))).toEqual(['admin', 'auditor']);
  });

  it('names every role in words', () => {
    expect(ROLES.map((r) => ROLE_NAMES[r])).toEqual(['Administrator', 'Plan owner', 'Board member', 'Auditor', 'School improvement officer', 'Headteacher or chair of governors']);
  });

  it('reads the claims of a payload, refusing one without a user, a name or a known role', () => {
    expect(claimsFromPayload({ sub: 'ab', name: 'Andrea Brown', role: 'owner', plans: ['SIP', 7], exp: 99 })).toEqual({
      sub: 'ab', name: 'Andrea Brown', role: 'owner', roles: ['owner'], plans: ['SIP'], schools: [], exp: 99,
    });
    expect(claimsFromPayload({ sub: 'ab', name: 'Andrea Brown', role: 'board' })).toEqual({ sub: 'ab', name: 'Andrea Brown', role: 'board', roles: ['board'], plans: [], schools: [], exp: undefined });
    expect(claimsFromPayload({ sub: '', name: 'X', role: 'board' })).toBeUndefined();
    expect(claimsFromPayload({ sub: 'x', name: '', role: 'board' })).toBeUndefined();
    expect(claimsFromPayload({ sub: 'x', name: 'X', role: 'root' })).toBeUndefined();
    expect(claimsFromPayload({ sub: 'x', name: 'X', role: 'toString' })).toBeUndefined();
    expect(claimsFromPayload(null)).toBeUndefined();
    expect(claimsFromPayload('token')).toBeUndefined();
  });

  it("keeps a school's category to officers, admins, auditors, the school itself and the board members named for it", () => {
    const head = callerOfRights([{ role: 'school', urn: '121212' }]);
    const localMember = callerOfRights([{ role: 'board', urn: '121213' }]);
    const board = callerOfRights([{ role: 'board' }]);
    expect(head.schools).toEqual(['121212']);
    expect(maySeeSchool(head, '121212')).toBe(true);
    expect(maySeeSchool(head, '121213')).toBe(false);
    expect(maySeeSchool(localMember, '121213')).toBe(true);
    expect(maySeeSchool(localMember, '121212')).toBe(false);
    expect(maySeeSchool(board, '121212')).toBe(false);
    for (const role of ['officer', 'admin', 'auditor'] as const) expect(maySeeSchool({ roles: [role], plans: [] }, '999999')).toBe(true);
    expect(maySeeEverySchool(head)).toBe(false);
    expect(maySeeSchool({ roles: ['owner'], plans: ['SIP'] }, '121212')).toBe(false);
    expect(mayRecordSchools({ roles: ['officer'] })).toBe(true);
    expect(mayRecordSchools({ roles: ['auditor'] })).toBe(false);
    expect(mayRecordSchools(head)).toBe(false);
  });

  it('reads the schools a development token names', () => {
    expect(claimsFromPayload({ sub: 'hd', name: 'Head', role: 'school', schools: ['121212', 3] })?.schools).toEqual(['121212']);
  });
});
