import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ImportedPerson } from '@rag-ledger/import';
import { WritePath } from '@rag-ledger/write-path';
import type { CommandContext } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';
import { importPeople, type PeopleImportResult, type PeopleListSource } from '../import-people';

export type { PeopleImportResult } from '../import-people';

export class ImportPeopleCommand extends Command<PeopleImportResult> {
  constructor(
    readonly people: ImportedPerson[],
    readonly source: PeopleListSource,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ImportPeopleCommand)
export class ImportPeopleHandler implements ICommandHandler<ImportPeopleCommand, PeopleImportResult> {
  constructor(private readonly writePath: WritePath) {}

  execute({ people, source, context }: ImportPeopleCommand): Promise<PeopleImportResult> {
    return importPeople(this.writePath, people, source, writeContextOf(context));
  }
}
