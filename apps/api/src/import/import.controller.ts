import { BadRequestException, Body, Controller, Headers, HttpCode, HttpStatus, Post, Query, UnsupportedMediaTypeException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PLAN_ADMINS } from '@rag-ledger/contract';
import { CSV_COLUMNS, MAX_IMPORT_ROWS, readPlansCsvInSteps, readPlansJsonInSteps } from '@rag-ledger/import';
import { Roles } from '../auth/decorators';
import { CommandResponses } from '../common/api-docs';
import { Ctx, type CommandContext } from '../common/command-context';
import { ImportPlansCommand } from './commands/import-plans.command';
import type { ImportResult } from './run-import';

const REPORT_EXAMPLE = {
  rowsRead: 301, position: 1320, events: 642,
  plans: { created: 5, changed: 0, unchanged: 0 },
  workstreams: { created: 31, changed: 0, unchanged: 0 },
  actions: { created: 301, changed: 0, unchanged: 0, missing: [], withdrawn: [] },
  warnings: [{ where: 'action SIP.PS.1.5.5', message: 'no title in the file (ref printed but action text lost); imported as "(title lost in the source plan: ...)"' }],
};

@ApiTags('import')
@Controller('import')
export class ImportController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Roles(...PLAN_ADMINS)
  @ApiOperation({
    summary: 'Import plans from JSON (the shape of the Norfolk file) or CSV (admin)',
    description:
      `JSON: { plans: [{ id, name, kind?, board?, version?, workstreams: [{ id, name, ..., actions: [{ id, ref, title, responsible, enablingTeams, targetDate, targetDateIso?, measures, links, rag? }] }] }] }. ` +
      `CSV (text/csv, UTF-8 with or without BOM), one row per action, columns: ${CSV_COLUMNS.join(', ')} (plan_version and plan_board optional). ` +
      'Importing the same file twice writes nothing; a refreshed version records only what changed. ' +
      `At most ${MAX_IMPORT_ROWS} rows (CSV) or actions (JSON): 413 beyond. A refused file lists its first 100 problems and counts the others (moreProblems). ` +
      'On the embedded store an import is all or nothing. With Idempotency-Key a repeat answers the first report and writes nothing; the same key with another file is 422.',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ schema: { type: 'object', example: { plans: [{ id: 'SIP', name: "Children's Services Strategic Improvement Plan", kind: 'strategic', version: '1.05', workstreams: [{ id: 'SIP.PS', name: 'Practice Standards', actions: [{ id: 'SIP.PS.1.1.1', ref: '1.1.1', title: 'Map the journey of the child', responsible: ['AB', 'AH'], targetDate: 'Dec 2013' }] }] }] } } })
  @ApiQuery({ name: 'withdrawMissing', required: false, description: 'true: withdraw the actions a refreshed plan no longer lists (otherwise they are only reported)' })
  @CommandResponses(HttpStatus.OK)
  @ApiResponse({ status: HttpStatus.OK, description: 'The import report', schema: { example: REPORT_EXAMPLE } })
  async import(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Query('withdrawMissing') withdrawMissing: string | undefined,
    @Ctx() ctx: CommandContext,
  ): Promise<ImportResult> {
    if (withdrawMissing !== undefined && withdrawMissing !== 'true' && withdrawMissing !== 'false') {
      throw new BadRequestException(['withdrawMissing must be true or false']);
    }
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    let file;
    if (type === 'application/json') file = await readPlansJsonInSteps(body);
    else if (type === 'text/csv') {
      if (typeof body !== 'string') throw new BadRequestException(['the CSV body is empty']);
      file = await readPlansCsvInSteps(body);
    } else throw new UnsupportedMediaTypeException('Send the plans as application/json or text/csv.');
    return this.commands.execute(new ImportPlansCommand(file, { withdrawMissing: withdrawMissing === 'true' }, ctx));
  }
}
