import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';
import { LogSealer, type Sealing } from '../log-sealer';

/** POST /api/audit/seals: seal whatever is unsealed now, in the asker's name. */
export class SealLogCommand extends Command<Sealing> {
  constructor(readonly context: CommandContext) {
    super();
  }
}

@CommandHandler(SealLogCommand)
export class SealLogHandler implements ICommandHandler<SealLogCommand, Sealing> {
  constructor(private readonly sealer: LogSealer) {}

  execute({ context }: SealLogCommand): Promise<Sealing> {
    return this.sealer.seal('demand', writeContextOf(context));
  }
}
