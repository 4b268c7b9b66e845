import { DIRECTORY_ID, peopleDecider, type PeopleCommand, type PersonEvent, type Role } from '@rag-ledger/domain';
import { readStreamOrEmpty } from '@rag-ledger/event-store';
import { WritePath } from '@rag-ledger/write-path';
import { bearer, tokenFor, type TestApp } from './test-app';

/** A password the policy accepts, for people in tests. */
export const GOOD_PASSWORD = 'plum kettle harbour 42';

export const adminToken = () => tokenFor('admin', { user: 'admin-1', name: 'Ada Admin' });

export interface TestPerson {
  id: string;
  name: string;
  initials: string;
  email: string;
  rights?: Array<{ role: Role; planId?: string }>;
}

/** Writes a directory command through the server's own write path, as the people routes would. */
export async function directoryCommand(t: TestApp, command: PeopleCommand): Promise<void> {
  await t.app.get(WritePath).handle(peopleDecider, DIRECTORY_ID, command, { actor: { id: 'admin-1', name: 'Ada Admin', role: 'admin' }, correlationId: 'test' });
}

/** Adds a person with their rights (the people helper's routes do the same through the API). */
export async function addPerson(t: TestApp, person: TestPerson): Promise<void> {
  await directoryCommand(t, { type: 'AddPerson', data: { personId: person.id, name: person.name, initials: person.initials, email: person.email } });
  for (const right of person.rights ?? []) await grant(t, person.id, right.role, right.planId);
}

export const grant = (t: TestApp, personId: string, role: Role, planId?: string) =>
  directoryCommand(t, { type: 'GrantRight', data: { personId, role, ...(planId ? { planId } : {}), reason: 'Test' } });
export const revoke = (t: TestApp, personId: string, role: Role, planId?: string) =>
  directoryCommand(t, { type: 'RevokeRight', data: { personId, role, ...(planId ? { planId } : {}), reason: 'Test' } });
export const deactivate = (t: TestApp, personId: string) => directoryCommand(t, { type: 'DeactivatePerson', data: { personId, reason: 'Left the council' } });

/** The token at the end of a set-up link. */
export const tokenOfLink = (link: string): string => link.slice(link.lastIndexOf('/') + 1);

/** An admin issues a set-up link and the person uses it: they now have `password`. */
export async function givePassword(t: TestApp, personId: string, password = GOOD_PASSWORD): Promise<void> {
  const issued = await t.http().post(`/api/people/${personId}/invitations`).set(bearer(adminToken())).send({}).expect(201);
  await t.http().post(`/api/invitations/${tokenOfLink(issued.body.link)}/accept`).send({ password }).expect(204);
}

export interface SignedInSession {
  /** The Cookie header to send back. */
  cookie: string;
  csrfToken: string;
  setCookie: string;
}

/** Signs in with a password and reads the session: the cookie to send, and its CSRF token. */
export async function signIn(t: TestApp, email: string, password = GOOD_PASSWORD): Promise<SignedInSession> {
  const res = await t.http().post('/api/session').send({ email, password }).expect(204);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('rag_ledger_session='));
  if (!setCookie) throw new Error('no session cookie');
  const cookie = setCookie.split(';')[0];
  const session = await t.http().get('/api/session').set('Cookie', cookie).expect(200);
  return { cookie, csrfToken: session.body.csrfToken, setCookie };
}

/** The directory's events, in order. */
export async function directoryEvents(t: TestApp): Promise<Array<{ type: string; data: PersonEvent['data']; actor: unknown }>> {
  const events = await readStreamOrEmpty(t.app.get(WritePath).store, peopleDecider.streamOf(DIRECTORY_ID));
  return events.map((e) => ({ type: e.type, data: e.data as PersonEvent['data'], actor: (e.metadata as { actor?: unknown } | undefined)?.actor }));
}
