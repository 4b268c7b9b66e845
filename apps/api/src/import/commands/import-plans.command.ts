import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ImportFile, ImportOptions } from '@rag-ledger/import';
import type { CommandContext } from '../../common/command-context';
import { StreamCommandExecutor, writeContextOf } from '../../common/stream-command-executor';
import { importPlans, type ImportResult } from '../run-import';

export class ImportPlansCommand {
  constructor(
    readonly file: ImportFile,
    readonly options: ImportOptions,
    readonly context: CommandContext,
  ) {}
}

/** The import goes through the server's one write path, like every other command. */
@CommandHandler(ImportPlansCommand)
export class ImportPlansHandler implements ICommandHandler<ImportPlansCommand, ImportResult> {
  constructor(private readonly executor: StreamCommandExecutor) {}

  execute({ file, options, context }: ImportPlansCommand): Promise<ImportResult> {
    return importPlans(this.executor.writePath, file, options, writeContextOf(context));
  }
}
