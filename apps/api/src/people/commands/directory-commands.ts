import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DIRECTORY_ID,
  peopleDecider,
  PlanNotFoundError,
  personByInitials,
  PersonNotFoundError,
  planStream,
  rightsOf,
  type AddPerson,
  type DeactivatePerson,
  type GrantRight,
  type PeopleState,
  type ReactivatePerson,
  type RevisePersonDetails,
  type RevokeRight,
  type Right,
} from '@rag-ledger/domain';
import { EVENT_STORE, readStreamOrEmpty, type EventStore } from '@rag-ledger/event-store';
import { WritePath } from '@rag-ledger/write-path';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';

export class AddPersonCommand extends Command<CommandResult> {
  constructor(
    readonly data: AddPerson['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A change to somebody already in the directory: details, a right, deactivation or reactivation. */
export type DirectoryChange = RevisePersonDetails | GrantRight | RevokeRight | DeactivatePerson | ReactivatePerson;

/** The answer of a change: the person, the rights they hold now and whether they are active, where the log stands. */
export interface DirectoryChangeResult extends CommandResult {
  rights: Right[];
  active: boolean;
}

export class ChangeDirectoryCommand extends Command<DirectoryChangeResult> {
  constructor(
    readonly command: DirectoryChange,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AddPersonCommand)
export class AddPersonHandler implements ICommandHandler<AddPersonCommand, CommandResult> {
  constructor(private readonly writePath: WritePath) {}

  async execute({ data, context }: AddPersonCommand): Promise<CommandResult> {
    const result = await this.writePath.handle(peopleDecider, DIRECTORY_ID, { type: 'AddPerson', data }, writeContextOf(context));
    // The id the directory gave (the one asked for, or one from the initials), also on a keyed repeat.
    const { state } = await this.writePath.stateOf(peopleDecider, DIRECTORY_ID);
    return { ...result, id: data.personId ?? personByInitials(state, data.initials)?.id ?? data.initials.toLowerCase() };
  }
}

@CommandHandler(ChangeDirectoryCommand)
export class ChangeDirectoryHandler implements ICommandHandler<ChangeDirectoryCommand, DirectoryChangeResult> {
  constructor(
    private readonly writePath: WritePath,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ command, context }: ChangeDirectoryCommand): Promise<DirectoryChangeResult> {
    const { personId } = command.data;
    // A right over a plan names one that exists: 404 otherwise, as for any route about a plan.
    if ((command.type === 'GrantRight' || command.type === 'RevokeRight') && command.data.planId !== undefined) {
      const plan = await readStreamOrEmpty(this.store, planStream(command.data.planId), { maxCount: 1 });
      if (plan.length === 0) throw new PlanNotFoundError(command.data.planId);
    }
    const result = await this.writePath.handle(peopleDecider, DIRECTORY_ID, command, writeContextOf(context), {
      // An unknown person is a 404 before any rule about their rights.
      authorize: (state: PeopleState) => {
        if (!state.people.has(personId)) throw new PersonNotFoundError(personId);
      },
    });
    const person = (await this.writePath.stateOf(peopleDecider, DIRECTORY_ID)).state.people.get(personId);
    if (!person) throw new PersonNotFoundError(personId);
    return { ...result, id: personId, rights: rightsOf(person), active: person.active };
  }
}
