import { Injectable } from '@nestjs/common';
import { callerOfRights, type Right, type SessionPerson } from '@rag-ledger/contract';
import { DIRECTORY_ID, peopleDecider, rightsOf, type PeopleState, type PersonState } from '@rag-ledger/domain';
import { WritePath } from '@rag-ledger/write-path';
import type { Principal } from '../auth/principal';

/** A person as sign-in shows them (the contract's SessionPerson): who they are, never their secrets. */
export const sessionPersonOf = (person: PersonState): SessionPerson => ({
  id: person.id,
  name: person.name,
  initials: person.initials,
  ...(person.jobTitle !== undefined ? { jobTitle: person.jobTitle } : {}),
  ...(person.email !== undefined ? { email: person.email } : {}),
});

/** The principal a person is at this moment: every role and plan the directory gives them now. */
export function principalOfPerson(person: PersonState): Principal {
  const { roles, plans, schools } = callerOfRights(rightsOf(person));
  return { id: person.id, name: person.name, roles: [...roles], plans: [...plans], schools: [...(schools ?? [])] };
}

export const rightsView = (person: PersonState): Right[] => rightsOf(person);

/**
 * The directory of people as it is now, read through the write path (its cached state plus
 * whatever was written since, by this process or another): sign-in reads it on every request,
 * so a right revoked or a person deactivated a moment ago counts at once.
 */
@Injectable()
export class Directory {
  constructor(private readonly writePath: WritePath) {}

  async current(): Promise<PeopleState> {
    return (await this.writePath.stateOf(peopleDecider, DIRECTORY_ID)).state;
  }

  async person(personId: string): Promise<PersonState | undefined> {
    return (await this.current()).people.get(personId);
  }
}
