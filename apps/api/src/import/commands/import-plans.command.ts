import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import type { ImportFile, ImportOptions } from '@rag-ledger/import';
import { CLOCK, type Clock } from '../../common/clock';
import type { CommandContext } from '../../common/command-context';
import { actorOf } from '../../auth/principal';
import { runImport, type ImportResult } from '../run-import';

export class ImportPlansCommand {
  constructor(
    readonly file: ImportFile,
    readonly options: ImportOptions,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ImportPlansCommand)
export class ImportPlansHandler implements ICommandHandler<ImportPlansCommand, ImportResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ file, options, context }: ImportPlansCommand): Promise<ImportResult> {
    return runImport(this.store, this.clock, file, options, {
      actor: actorOf(context.principal),
      correlationId: context.correlationId,
      idempotencyKey: context.idempotencyKey,
    });
  }
}
