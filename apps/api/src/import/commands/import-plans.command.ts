import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ImportFile, ImportOptions } from '@rag-ledger/import';
import { WritePath } from '@rag-ledger/write-path';
import type { CommandContext } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';
import { importPlans, type ImportResult } from '../run-import';

export class ImportPlansCommand extends Command<ImportResult> {
  constructor(
    readonly file: ImportFile,
    readonly options: ImportOptions,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The import goes through the server's one write path, like every other command. */
@CommandHandler(ImportPlansCommand)
export class ImportPlansHandler implements ICommandHandler<ImportPlansCommand, ImportResult> {
  constructor(private readonly writePath: WritePath) {}

  execute({ file, options, context }: ImportPlansCommand): Promise<ImportResult> {
    return importPlans(this.writePath, file, options, writeContextOf(context));
  }
}
