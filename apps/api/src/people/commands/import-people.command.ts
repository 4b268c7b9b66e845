import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DIRECTORY_ID, peopleDecider, type ImportPeople, type PeopleState } from '@rag-ledger/domain';
import type { ImportedPerson } from '@rag-ledger/import';
import { WritePath } from '@rag-ledger/write-path';
import type { CommandContext } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';

/** What an import of people did: people added, people whose details it revised, rows that said what was there. */
export interface PeopleImportResult {
  added: number;
  revised: number;
  unchanged: number;
  /** The log position of its last event (use it as minPosition); -1 when it wrote nothing to an empty directory. */
  position: number;
}

export class ImportPeopleCommand extends Command<PeopleImportResult> {
  constructor(
    readonly people: ImportedPerson[],
    /** Where the list came from, recorded as the reason of every change it makes. */
    readonly source: 'CSV' | 'glossary',
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * One ImportPeople command: the whole list is written, or none of it (one append to the
 * directory's stream); a refusal names every wrong row by its line.
 */
@CommandHandler(ImportPeopleCommand)
export class ImportPeopleHandler implements ICommandHandler<ImportPeopleCommand, PeopleImportResult> {
  constructor(private readonly writePath: WritePath) {}

  async execute({ people, source, context }: ImportPeopleCommand): Promise<PeopleImportResult> {
    const command: ImportPeople = {
      type: 'ImportPeople',
      data: { people: people.map(({ line, ...person }) => ({ ...person, line })), reason: `imported from a ${source} of people` },
    };
    // The state the decision is taken on (the write path decides again after a lost race), to count what it did.
    let decidedOn: PeopleState | undefined;
    const result = await this.writePath.handle(peopleDecider, DIRECTORY_ID, command, writeContextOf(context), {
      authorize: (state) => (decidedOn = state),
    });
    // A keyed repeat was answered from the log without deciding: it wrote nothing this time.
    const events = decidedOn ? peopleDecider.decide(command, decidedOn) : [];
    const added = events.filter((e) => e.type === 'PersonAdded').length;
    const revised = events.filter((e) => e.type === 'PersonDetailsRevised').length;
    return { added, revised, unchanged: people.length - added - revised, position: result.position };
  }
}
