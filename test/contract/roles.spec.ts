import { actingRole, callerOfRights, mayAttachEvidence, claimsFromPayload, holdsAnyRole, mayReadHistory, mayUpdatePlan, PEOPLE_READERS, ROLE_NAMES, ROLES } from '@rag-ledger/contract';

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
    expect(caller).toEqual({ roles: ['auditor', 'owner'], plans: ['SIP', 'LAC'] });
    expect(mayUpdatePlan(caller, 'LAC')).toBe(true);
    expect(mayUpdatePlan(caller, 'EH')).toBe(false);
    expect(mayReadHistory(caller)).toBe(true);
    expect(callerOfRights([])).toEqual({ roles: [], plans: [] });
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
    expect(ROLES.map((r) => ROLE_NAMES[r])).toEqual(['Administrator', 'Plan owner', 'Board member', 'Auditor']);
  });

  it('reads the claims of a payload, refusing one without a user, a name or a known role', () => {
    expect(claimsFromPayload({ sub: 'ab', name: 'Andrea Brown', role: 'owner', plans: ['SIP', 7], exp: 99 })).toEqual({
      sub: 'ab', name: 'Andrea Brown', role: 'owner', roles: ['owner'], plans: ['SIP'], exp: 99,
    });
    expect(claimsFromPayload({ sub: 'ab', name: 'Andrea Brown', role: 'board' })).toEqual({ sub: 'ab', name: 'Andrea Brown', role: 'board', roles: ['board'], plans: [], exp: undefined });
    expect(claimsFromPayload({ sub: '', name: 'X', role: 'board' })).toBeUndefined();
    expect(claimsFromPayload({ sub: 'x', name: '', role: 'board' })).toBeUndefined();
    expect(claimsFromPayload({ sub: 'x', name: 'X', role: 'root' })).toBeUndefined();
    expect(claimsFromPayload({ sub: 'x', name: 'X', role: 'toString' })).toBeUndefined();
    expect(claimsFromPayload(null)).toBeUndefined();
    expect(claimsFromPayload('token')).toBeUndefined();
  });
});
