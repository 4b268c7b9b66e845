import { Controller, Get, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SEALERS, type SealView } from '@rag-ledger/contract';
import { Roles } from '../auth/decorators';
import { ReadResponses } from '../common/api-docs';
import { Ctx, type CommandContext } from '../common/command-context';
import { ReadQueryDto } from '../common/read-query.dto';
import { SealLogCommand } from './commands/seal-log.command';
import { GetSealsQuery } from './queries/get-seals.query';

const SEAL_EXAMPLE: SealView = {
  position: 1042,
  hash: '9f2c4e...64 hex digits',
  previous: { position: 980, hash: '5d1e...64 hex digits' },
  count: 62,
  reason: 'demand',
  sealedAt: '2014-03-12T09:30:00.000Z',
  sealedBy: { id: 'ia', name: 'Internal Audit', role: 'auditor' },
  sealPosition: 1043,
};

/** POST /api/audit/seals: the newest seal and every one made (201), or that nothing was unsealed (200). */
export type SealAnswer = { sealed: true; latest: SealView; made: SealView[] } | { sealed: false; latest: SealView | null };

@ApiTags('audit')
@Controller('audit/seals')
export class SealsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles(...SEALERS)
  @ApiOperation({
    summary:
      "Seal the log now (auditor, admin): a LogSealed event records the position reached and the chain's value there, continuing from the last seal, so that verify can later prove every event up to it unchanged on any store",
  })
  @ApiResponse({ status: 201, description: 'The newest seal, and every seal made (a long unsealed stretch takes several)', schema: { example: { sealed: true, latest: SEAL_EXAMPLE, made: [SEAL_EXAMPLE] } } })
  @ApiResponse({ status: 200, description: 'Nothing was written since the last seal: no seal made', schema: { example: { sealed: false, latest: SEAL_EXAMPLE } } })
  async seal(@Ctx() ctx: CommandContext, @Res({ passthrough: true }) response: Response): Promise<SealAnswer> {
    const { made, latest } = await this.commands.execute(new SealLogCommand(ctx));
    if (made.length === 0 || latest === null) {
      response.status(HttpStatus.OK);
      return { sealed: false, latest };
    }
    response.status(HttpStatus.CREATED);
    return { sealed: true, latest, made };
  }

  @Get()
  @Roles(...SEALERS)
  @ApiOperation({ summary: "The log's seals, newest first (auditor, admin)" })
  @ReadResponses([SEAL_EXAMPLE], false)
  list(@Query() _query: ReadQueryDto): Promise<SealView[]> {
    return this.queries.execute(new GetSealsQuery());
  }
}
