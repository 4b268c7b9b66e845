import { applyDecorators, BadRequestException, Body, Controller, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SCHOOL_OFFICERS } from '@rag-ledger/contract';
import { withoutUndefined } from '@rag-ledger/domain';
import { Roles } from '../auth/decorators';
import { CommandResponses } from '../common/api-docs';
import { CLOCK, type Clock } from '../common/clock';
import { Ctx, type CommandContext } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ConvertSchoolCommand, type ConversionResult } from './commands/convert-school.command';
import { RecordSchoolChangeCommand, type SchoolChange, type SchoolChangeResult } from './commands/record-school-change.command';
import { refuseDaysAfterToday, todayIn } from './days-not-after-today';
import {
  AssignOfficerDto, CategoriseSchoolDto, ClosureDto, ConversionDto, ImprovementPlanDto, InterventionStageDto, OfstedJudgementDto, PowerDto, RegisterSchoolDto, ReviseSchoolDetailsDto, VisitDto,
  WarningNoticeDto, WithdrawWarningNoticeDto,
} from './dto/school-writes.dto';
import { ParseUrnPipe } from './parse-urn.pipe';

/** Every register change: officers and admins (403 for everyone else, the school's own head and board members too), 201, If-Match and Idempotency-Key. */
const SchoolWriteRoute = (summary: string) =>
  applyDecorators(
    HttpCode(HttpStatus.CREATED),
    Roles(...SCHOOL_OFFICERS),
    ApiOperation({ summary: `${summary} (officers and admins). Answers { urn, revision, position }` }),
    CommandResponses(HttpStatus.CREATED),
    ApiHeader({ name: 'If-Match', required: false, description: 'The school\'s revision you last saw, e.g. "3": 409 if someone recorded a change since' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat returns the first answer and writes nothing' }),
  );

/**
 * The register's writes (issue 19): each school is a stream, and every route records one of
 * its changes through the domain's schoolDecider. Days are UK calendar days and none may be
 * after today; those marked "left out: today" default to it. i19-register's routes read.
 */
@ApiTags('schools')
@Controller()
export class SchoolWritesController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('schools')
  @SchoolWriteRoute('Register a school by hand (the national list\'s import registers the rest)')
  register(@Body() dto: RegisterSchoolDto, @Ctx() ctx: CommandContext): Promise<SchoolChangeResult> {
    refuseDaysAfterToday(this.clock, { openedOn: dto.openedOn });
    return this.record(dto.urn, [{ type: 'RegisterSchool', data: withoutUndefined({ ...dto }) }], ctx);
  }

  @Post('schools/:urn/details')
  @SchoolWriteRoute("Correct the school's details (also a closed or converted school's): only what differs is recorded; nothing differing is 422")
  details(@Param('urn', ParseUrnPipe) urn: string, @Body() dto: ReviseSchoolDetailsDto, @Ctx() ctx: CommandContext): Promise<SchoolChangeResult> {
    const { reason, ...changes } = dto;
    if (Object.values(changes).every((value) => value === undefined)) throw new BadRequestException(['Give at least one detail to change: name, phase, type, district, trust, openedOn or pupils']);
    refuseDaysAfterToday(this.clock, { openedOn: dto.openedOn });
    return this.record(urn, [{ type: 'ReviseSchoolDetails', data: { urn, changes: withoutUndefined({ ...changes }), reason } }], ctx);
  }

  @Post('schools/:urn/categorisations')
  @SchoolWriteRoute("Categorise the school in one of the council's schemes, with the reason (a re-confirmed category is recorded too)")
  categorise(@Param('urn', ParseUrnPipe) urn: string, @Body() dto: CategoriseSchoolDto, @Ctx() ctx: CommandContext): Promise<SchoolChangeResult> {
    const categorisedOn = this.day({ categorisedOn: dto.categorisedOn });
    return this.record(urn, [{ type: 'CategoriseSchool', data: { urn, scheme: dto.scheme, category: dto.category, categorisedOn, reason: dto.reason } }], ctx);
  }

  @Post('schools/:urn/ofsted-judgements')
  @SchoolWriteRoute('Record an Ofsted judgement: a grade 4 with its category; for a grade 3 or 4 the improvement plan is due two weeks after publication')
  judgement(@Param('urn', ParseUrnPipe) urn: string, @Body() dto: OfstedJudgementDto, @Ctx() ctx: CommandContext): Promise<SchoolChangeResult> {
    refuseDaysAfterToday(this.clock, { inspectedOn: dto.inspectedOn, publishedOn: dto.publishedOn });
    return this.record(urn, [{ type: 'RecordOfstedJudgement', data: withoutUndefined({ urn, ...dto }) }], ctx);
  }

  @Post('schools/:urn/warning-notices')
  @SchoolWriteRoute('Issue a warning notice (its statutory section follows from its kind); also answers the noticeId')
  issueNotice(@Param('urn', ParseUrnPipe) urn: string, @Body() dto: WarningNoticeDto, @Ctx() ctx: CommandContext): Promise<SchoolChangeResult> {
    refuseDaysAfterToday(this.clock, { issuedOn: dto.issuedOn });
    return this.record(urn, [{ type: 'IssueWarningNotice', data: withoutUndefined({ urn, ...dto }) }], ctx);
  }

  @Post('schools/:urn/warning-notices/:noticeId/withdrawal')
  @SchoolWriteRoute('Withdraw a warning notice in force, with the reason')
  withdrawNotice(
    @Param('urn', ParseUrnPipe) urn: string,
    @Param('noticeId', ParseIdPipe) noticeId: string,
    @Body() dto: WithdrawWarningNoticeDto,
    @Ctx() ctx: CommandContext,
  ): Promise<SchoolChangeResult> {
    const withdrawnOn = this.day({ withdrawnOn: dto.withdrawnOn });
    return this.record(urn, [{ type: 'WithdrawWarningNotice', data: { urn, noticeId, withdrawnOn, reason: dto.reason } }], ctx);
  }

  @Post('schools/:urn/intervention-stages')
  @SchoolWriteRoute('Move the school to a stage of an intervention-stage scheme (automatic: a rule moved it)')
  stage(@Param('urn', ParseUrnPipe) urn: string, @Body() dto: InterventionStageDto, @Ctx() ctx: CommandContext): Promise<SchoolChangeResult> {
    const changedOn = this.day({ changedOn: dto.changedOn });
    return this.record(urn, [{ type: 'ChangeInterventionStage', data: withoutUndefined({ urn, scheme: dto.scheme, stage: dto.stage, reason: dto.reason, automatic: dto.automatic, changedOn }) }], ctx);
  }

  @Post('schools/:urn/powers')
  @SchoolWriteRoute('Record a power of intervention used, and who decided it')
  power(@Param('urn', ParseUrnPipe) urn: string, @Body() dto: PowerDto, @Ctx() ctx: CommandContext): Promise<SchoolChangeResult> {
    refuseDaysAfterToday(this.clock, { decidedOn: dto.decidedOn });
    return this.record(urn, [{ type: 'UsePower', data: { urn, ...dto } }], ctx);
  }

  @Post('schools/:urn/officers')
  @SchoolWriteRoute('Assign an intervention officer or challenge partner (a later one of the same role takes over); a personId must be in the directory of people')
  officer(@Param('urn', ParseUrnPipe) urn: string, @Body() dto: AssignOfficerDto, @Ctx() ctx: CommandContext): Promise<SchoolChangeResult> {
    const assignedOn = this.day({ assignedOn: dto.assignedOn });
    return this.record(urn, [{ type: 'AssignOfficer', data: withoutUndefined({ urn, personId: dto.personId, name: dto.name, role: dto.role, assignedOn, reason: dto.reason }) }], ctx);
  }

  @Post('schools/:urn/visits')
  @SchoolWriteRoute("Record a visit, with the officer's RAG of the school's progress against its improvement plan; also answers the visitId")
  visit(@Param('urn', ParseUrnPipe) urn: string, @Body() dto: VisitDto, @Ctx() ctx: CommandContext): Promise<SchoolChangeResult> {
    refuseDaysAfterToday(this.clock, { visitedOn: dto.visitedOn });
    return this.record(urn, [{ type: 'RecordVisit', data: withoutUndefined({ urn, ...dto }) }], ctx);
  }

  @Post('schools/:urn/improvement-plans')
  @SchoolWriteRoute("Record the school's improvement plan received, evaluated, or both (two events in one append: received, then evaluated)")
  improvementPlan(@Param('urn', ParseUrnPipe) urn: string, @Body() dto: ImprovementPlanDto, @Ctx() ctx: CommandContext): Promise<SchoolChangeResult> {
    if (dto.receivedOn === undefined && dto.evaluatedOn === undefined) throw new BadRequestException(['Give receivedOn, evaluatedOn (with the evaluation), or both']);
    if (dto.evaluation !== undefined && dto.evaluatedOn === undefined) throw new BadRequestException(['evaluatedOn must be given with the evaluation']);
    refuseDaysAfterToday(this.clock, { receivedOn: dto.receivedOn, evaluatedOn: dto.evaluatedOn });
    const changes: SchoolChange[] = [];
    if (dto.receivedOn !== undefined) changes.push({ type: 'ReceiveImprovementPlan', data: { urn, receivedOn: dto.receivedOn } });
    if (dto.evaluatedOn !== undefined) changes.push({ type: 'EvaluateImprovementPlan', data: { urn, evaluatedOn: dto.evaluatedOn, evaluation: dto.evaluation as string } });
    return this.record(urn, changes, ctx);
  }

  @Post('schools/:urn/conversion')
  @SchoolWriteRoute("Convert the school to an academy under a new URN: the academy is registered (continuing this school) if it is not yet, in the same append")
  convert(@Param('urn', ParseUrnPipe) urn: string, @Body() dto: ConversionDto, @Ctx() ctx: CommandContext): Promise<ConversionResult> {
    refuseDaysAfterToday(this.clock, { convertedOn: dto.convertedOn });
    return this.commands.execute(new ConvertSchoolCommand(urn, withoutUndefined({ ...dto }), ctx));
  }

  @Post('schools/:urn/closure')
  @SchoolWriteRoute('Close the school, with the reason; afterwards only corrections of its details are taken')
  close(@Param('urn', ParseUrnPipe) urn: string, @Body() dto: ClosureDto, @Ctx() ctx: CommandContext): Promise<SchoolChangeResult> {
    refuseDaysAfterToday(this.clock, { closedOn: dto.closedOn });
    return this.record(urn, [{ type: 'CloseSchool', data: { urn, closedOn: dto.closedOn, reason: dto.reason } }], ctx);
  }

  private record(urn: string, changes: SchoolChange[], ctx: CommandContext): Promise<SchoolChangeResult> {
    return this.commands.execute(new RecordSchoolChangeCommand(urn, changes, ctx));
  }

  /** The one day a "left out: today" field names: the one given (not after today), or today. */
  private day(field: Record<string, string | undefined>): string {
    refuseDaysAfterToday(this.clock, field);
    return Object.values(field)[0] ?? todayIn(this.clock);
  }
}
