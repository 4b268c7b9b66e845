import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  SCHOOL_COUNT_READERS,
  SCHOOL_OFFICERS,
  SCHOOL_REGISTER_READERS,
  type CategorisationTable,
  type CategoryMovements,
  type CategorySchemeView,
  type SchoolAnswer,
  type SchoolRegisterView,
  type SchoolRow,
} from '@rag-ledger/contract';
import { SCHOOLS_LIST_COLUMNS } from '@rag-ledger/import';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { CommandResponses, ReadResponses } from '../common/api-docs';
import { Ctx, type CommandContext } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ReadQueryDto } from '../common/read-query.dto';
import {
  ImportCategorisationsCommand,
  ImportSchoolsListCommand,
  type CategorisationImportResult,
  type SchoolsListImportResult,
} from './commands/import-schools.command';
import { CategorisationImportQueryDto, CategorisationQueryDto, MovementsQueryDto, RegisterAsOfQueryDto, RegisterQueryDto } from './dto/register-query.dto';
import { GetCategorisationQuery, GetCategorySchemesQuery, GetMovementsQuery, GetRegisterQuery, GetSchoolQuery } from './queries/register.queries';

/** The CSV body, read as text by the parser the imports' paths have (create-app.ts). */
const csvOf = (body: unknown): string => {
  if (typeof body !== 'string' || body.trim() === '') throw new BadRequestException(['the CSV body is empty: send the file as text/csv']);
  return body;
};

const STAMP = { position: 1042, head: '9f2c4e...64 hex digits' };
const ROW_EXAMPLE: SchoolRow = {
  urn: '121212', name: 'Ashill Primary School', phase: 'primary', type: 'maintained', district: 'Breckland', trust: null, openedOn: '1990-09-01', closedOn: null, pupils: 210,
  categories: { norfolk: 'A4' }, stages: {},
  ofsted: { grade: 4, category: 'special-measures', inspectedOn: '2013-09-10', publishedOn: '2013-10-01' },
  warningNotices: [],
  officers: [{ role: 'intervention-officer', name: 'Janet Warburton', personId: 'jw' }],
  lastVisit: { visitedOn: '2013-10-07', officer: 'Janet Warburton', rag: 'A' },
  nextVisitDueOn: '2013-10-21', visitDue: 'due',
  improvementPlan: { dueOn: '2013-10-15', receivedOn: '2013-10-14', evaluatedOn: null, evaluation: null, overdue: false },
  predecessorUrn: null, successorUrn: null,
};

/**
 * The schools register's reads (the writes are apps/api/src/schools). A school's category is
 * communicated in confidence (000:131-133): officers, admins and auditors see every school; a
 * headteacher or chair only their own; a board member counts and movements, and the schools an
 * administrator named for them. A refusal is the same 403 whether or not the school exists.
 */
@ApiTags('schools')
@Controller()
export class SchoolsRegisterController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Post('schools/import')
  @HttpCode(HttpStatus.OK)
  @Roles(...SCHOOL_OFFICERS)
  @ApiOperation({
    summary: 'Import the national schools list (officers, admins): a Get Information About Schools extract as CSV, its own column names',
    description:
      `Columns read: ${Object.values(SCHOOLS_LIST_COLUMNS).join(', ')}; (code) columns and every other column are ignored. Dates dd-mm-yyyy. ` +
      'A new URN is registered; a registered school gets one SchoolDetailsRevised with what changed ("National schools list refreshed"), and SchoolClosed when the list first says Closed with a CloseDate; ' +
      'importing the same file twice writes nothing. Establishments of other types (independent schools, colleges...) are skipped and listed. ' +
      'All or nothing: a row with no URN, or a phase, type, date or number that cannot be read, is a 422 listing the rows (as a spreadsheet numbers them), and nothing is written.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'URN,EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name),DistrictAdministrative (name),OpenDate\r\n121212,Ashill VC Primary School,Voluntary controlled school,Primary,Breckland,01-09-1990\r\n' } })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The events take ids derived from it: the same key with another file is 422' })
  @CommandResponses(HttpStatus.OK)
  @ApiResponse({ status: HttpStatus.OK, description: 'The report', schema: { example: { registered: 412, revised: 3, closed: 1, unchanged: 30, skipped: [{ row: 57, urn: '121999', reason: 'Other independent school: not a type of school the register holds' }], position: 2210 } } })
  importList(@Body() body: unknown, @Ctx() ctx: CommandContext): Promise<SchoolsListImportResult> {
    return this.commands.execute(new ImportSchoolsListCommand(csvOf(body), ctx));
  }

  @Post('schools/categorisations/import')
  @HttpCode(HttpStatus.OK)
  @Roles(...SCHOOL_OFFICERS)
  @ApiOperation({
    summary: "Import categorisations in one of the council's category schemes (officers, admins): CSV URN,Category[,Reason][,CategorisedOn]",
    description:
      'Each row is a SchoolCategorised through the same rules as the form; a row repeating the category the school already held from that day is unchanged, so the same file twice writes nothing. ' +
      'An unknown URN or code, a day to come, a closed school or a row with no reason (and no ?reason=) is a 422 listing the rows, and nothing is written.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'URN,Category,Reason,CategorisedOn\r\n121212,A4,Special measures,2013-10-01\r\n' } })
  @CommandResponses(HttpStatus.OK)
  @ApiResponse({ status: HttpStatus.OK, description: 'The report', schema: { example: { categorised: 120, unchanged: 4, position: 2331 } } })
  importCategorisations(@Body() body: unknown, @Query() query: CategorisationImportQueryDto, @Ctx() ctx: CommandContext): Promise<CategorisationImportResult> {
    return this.commands.execute(new ImportCategorisationsCommand(csvOf(body), { scheme: query.scheme, categorisedOn: query.categorisedOn, reason: query.reason }, ctx));
  }

  // The fixed paths first: they would otherwise be read as a URN.
  @Get('schools/categorisation')
  @Roles(...SCHOOL_COUNT_READERS)
  @ApiOperation({ summary: "The categorisation table as the strategy prints it: the open schools on the day, per phase, counted by the scheme's codes (zeros too); `schools` only for those who may see them (officers, admins, auditors; a board member, the schools named for them)" })
  @ReadResponses({ asOf: '2013-09-30', scheme: 'norfolk', phases: [{ phase: 'primary', counts: { A4: 62, B3: 64, C3: 40, 'D1-3': 5, E1: 80, E2: 95, F1: 20 }, total: 370, uncategorised: 4 }] } satisfies CategorisationTable, false)
  categorisation(@Query() query: CategorisationQueryDto, @CurrentPrincipal() principal: Principal): Promise<CategorisationTable> {
    return this.queries.execute(new GetCategorisationQuery(principal, query.scheme, query.asOf));
  }

  @Get('schools/movements')
  @Roles(...SCHOOL_COUNT_READERS)
  @ApiOperation({ summary: 'The schools that moved between codes of a scheme over a period (held the day before `from` against held at the end of `to`), worst destination first; `schools` only for those who may see them' })
  @ReadResponses({ from: '2013-09-01', to: '2013-12-31', scheme: 'norfolk', moves: [{ from: 'B3', to: 'A4', count: 3 }, { from: 'A4', to: 'B3', count: 5 }, { from: null, to: 'E2', count: 1 }] } satisfies CategoryMovements, false)
  movements(@Query() query: MovementsQueryDto, @CurrentPrincipal() principal: Principal): Promise<CategoryMovements> {
    return this.queries.execute(new GetMovementsQuery(principal, query.from, query.to, query.scheme));
  }

  @Get('schools')
  @Roles(...SCHOOL_REGISTER_READERS)
  @ApiOperation({ summary: "The register as at a UK day, by name: every school the caller may see, narrowed by phase, district, category (of a scheme), stage, officer, a visit due or overdue, an improvement plan overdue" })
  @ReadResponses({ asOf: '2013-10-16', schools: [ROW_EXAMPLE], stamp: STAMP } satisfies SchoolRegisterView, false)
  register(@Query() query: RegisterQueryDto, @CurrentPrincipal() principal: Principal): Promise<SchoolRegisterView> {
    return this.queries.execute(new GetRegisterQuery(principal, query));
  }

  @Get('schools/:urn')
  @Roles(...SCHOOL_REGISTER_READERS)
  @ApiOperation({ summary: 'A school as at a UK day and its timeline (every change that had taken effect, in words, with who recorded it and why); its revision is also the ETag, for If-Match' })
  @ReadResponses({ asOf: '2013-10-16', school: ROW_EXAMPLE, timeline: [], revision: 7, stamp: STAMP } satisfies SchoolAnswer)
  async school(
    @Param('urn', ParseIdPipe) urn: string,
    @Query() query: RegisterAsOfQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SchoolAnswer> {
    const answer = await this.queries.execute(new GetSchoolQuery(principal, urn, query.asOf));
    response.setHeader('ETag', `"${answer.revision}"`);
    return answer;
  }

  @Get('category-schemes')
  @Roles(...SCHOOL_REGISTER_READERS)
  @ApiOperation({ summary: "The council's category and intervention-stage schemes: codes, labels, order (worst first), groups and visit schedules" })
  @ReadResponses([{ id: 'norfolk', name: 'Norfolk LA risk categories', kind: 'category', categories: [{ code: 'A4', label: 'Schools of Concern', order: 1, group: 'causing-concern', visitEveryWeeks: 2 }], revision: 0 }] satisfies CategorySchemeView[], false)
  schemes(@Query() _query: ReadQueryDto): Promise<CategorySchemeView[]> {
    return this.queries.execute(new GetCategorySchemesQuery());
  }
}
