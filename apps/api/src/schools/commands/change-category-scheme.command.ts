import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PLAN_ADMINS } from '@rag-ledger/contract';
import { categorySchemeDecider, type CategorySchemeCommand } from '@rag-ledger/domain';
import { WritePath, type CommandResult } from '@rag-ledger/write-path';
import type { CommandContext } from '../../common/command-context';
import { schoolWriteContextOf } from '../school-write-context';

/** Defining or revising one of the council's category schemes (admins only). */
export class ChangeCategorySchemeCommand extends Command<CommandResult> {
  constructor(
    readonly command: CategorySchemeCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeCategorySchemeCommand)
export class ChangeCategorySchemeHandler implements ICommandHandler<ChangeCategorySchemeCommand, CommandResult> {
  constructor(private readonly writePath: WritePath) {}

  execute({ command, context }: ChangeCategorySchemeCommand): Promise<CommandResult> {
    return this.writePath.handle(categorySchemeDecider, command.data.schemeId, command, schoolWriteContextOf(context, PLAN_ADMINS));
  }
}
