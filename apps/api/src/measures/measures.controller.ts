import { applyDecorators, Body, Controller, Get, Header, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { HISTORY_READERS, PLAN_WRITERS, SCHOOL_COUNT_READERS, type TrajectoryView } from '@rag-ledger/contract';
import type { MeasureView } from '@rag-ledger/projections';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { assertMayReadHistory } from '../auth/time-travel';
import { CommandResponses, ReadResponses } from '../common/api-docs';
import { AsOfQueryDto } from '../common/as-of-query.dto';
import { Ctx, type CommandContext, type CommandResult } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ReadQueryDto } from '../common/read-query.dto';
import { ChangeMeasureCommand, type ExistingMeasureCommand } from './commands/change-measure.command';
import { DefineMeasureCommand } from './commands/define-measure.command';
import { DefineMeasureDto, OverrideRagDto, RecordComparatorDto, RecordPredictionDto, RecordValueDto, ReviseValueDto, SetTargetDto, TrajectoryQueryDto } from './dto/measure.dto';
import { GetMeasureHistoryQuery, GetMeasureQuery, GetPlanMeasuresQuery, GetTrajectoryQuery } from './queries/measure.queries';
import { renderMeasureChart } from './render/measure-chart';

const MEASURE_EXAMPLE = {
  id: 'EDU.M.2.2', planId: 'EDU', workstreamId: null, name: 'Improve % of primary phase schools judged good or better',
  unit: 'percent', polarity: 'higher', baseline: { period: '2013', value: 64 }, amberTolerance: 3, computedFrom: null, indicator: null, phase: null,
  series: [{ period: '2014', value: 81, provisional: false, source: null, revisedFrom: null, revisionReason: null, target: 79, national: 80, statisticalNeighbours: null, regional: null, predicted: 79 }],
  rag: 'G', explanation: '81% in 2014 against target 79%: Green', rule: 'measure-rag/1', override: null, direction: 'improving',
  revision: 4, lastChangedAt: '2014-10-15T09:00:00.000Z',
};

/** Same conventions as the action routes: admins and owners of the plan, 200 with { id, revision, position }. */
const MeasureCommandRoute = () =>
  applyDecorators(
    HttpCode(HttpStatus.OK),
    Roles('admin', 'owner'),
    CommandResponses(HttpStatus.OK),
    ApiHeader({ name: 'If-Match', required: false, description: 'The revision you last saw: 409 if the measure changed since' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat returns the first answer and writes nothing' }),
  );

@ApiTags('measures')
@Controller()
export class MeasuresController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('plans/:planId/measures')
  @Roles(...PLAN_WRITERS)
  @ApiOperation({ summary: 'Define an outcome measure of a plan (or of one of its work-streams)' })
  @CommandResponses(HttpStatus.CREATED)
  define(@Param('planId', ParseIdPipe) planId: string, @Body() dto: DefineMeasureDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    const { id, ...rest } = dto;
    return this.commands.execute(new DefineMeasureCommand({ measureId: id, planId, ...rest, baseline: rest.baseline && { ...rest.baseline } }, ctx));
  }

  @Post('measures/:id/targets')
  @MeasureCommandRoute()
  @ApiOperation({ summary: 'Set the target for a period' })
  target(@Param('id', ParseIdPipe) measureId: string, @Body() dto: SetTargetDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'SetMeasureTarget', data: { measureId, period: dto.period, value: dto.value } }, ctx);
  }

  @Post('measures/:id/values')
  @MeasureCommandRoute()
  @ApiOperation({ summary: 'Record the value for a period (provisional or final); it is judged Green, Amber or Red against the target' })
  value(@Param('id', ParseIdPipe) measureId: string, @Body() dto: RecordValueDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'RecordMeasureValue', data: { measureId, ...dto } }, ctx);
  }

  @Post('measures/:id/revisions')
  @MeasureCommandRoute()
  @ApiOperation({ summary: 'Revise (re-baseline) a recorded value, with a reason' })
  revise(@Param('id', ParseIdPipe) measureId: string, @Body() dto: ReviseValueDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'ReviseMeasureValue', data: { measureId, period: dto.period, value: dto.value, reason: dto.reason } }, ctx);
  }

  @Post('measures/:id/comparators')
  @MeasureCommandRoute()
  @ApiOperation({ summary: 'Record a comparator for a period: national, statistical neighbours or regional' })
  comparator(@Param('id', ParseIdPipe) measureId: string, @Body() dto: RecordComparatorDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'RecordMeasureComparator', data: { measureId, period: dto.period, comparator: dto.comparator, value: dto.value } }, ctx);
  }

  @Post('measures/:id/predictions')
  @MeasureCommandRoute()
  @ApiOperation({ summary: "Record the council's prediction for a period (any measure); a later one for the period stands in place of the earlier" })
  prediction(@Param('id', ParseIdPipe) measureId: string, @Body() dto: RecordPredictionDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'RecordMeasurePrediction', data: { measureId, period: dto.period, value: dto.value, reason: dto.reason } }, ctx);
  }

  @Post('measures/:id/rag-override')
  @MeasureCommandRoute()
  @ApiOperation({ summary: 'Override the RAG with a reason; it is shown beside the computed judgement, never in its place' })
  override(@Param('id', ParseIdPipe) measureId: string, @Body() dto: OverrideRagDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'OverrideMeasureRag', data: { measureId, rag: dto.rag, reason: dto.reason } }, ctx);
  }

  @Get('plans/:planId/measures')
  @ApiOperation({ summary: "The plan's measures board: latest value, target, national comparator, RAG, direction of travel" })
  @ReadResponses({ asOf: '2014-10-15T09:00:00.000Z', planId: 'EDU', measures: [{ id: 'EDU.M.2.2', period: '2014', value: 81, target: 79, national: 80, rag: 'G', override: null, direction: 'improving' }] })
  board(@Param('planId', ParseIdPipe) planId: string, @Query() query: AsOfQueryDto, @CurrentPrincipal() principal: Principal) {
    assertMayReadHistory(principal, query.asOf);
    return this.queries.execute(new GetPlanMeasuresQuery(planId, query.asOf, principal));
  }

  @Get('measures/:id')
  @ApiOperation({ summary: 'A measure with its series, its computed RAG and explanation, and any override' })
  @ReadResponses(MEASURE_EXAMPLE)
  get(@Param('id', ParseIdPipe) measureId: string, @Query() query: AsOfQueryDto, @CurrentPrincipal() principal: Principal): Promise<MeasureView> {
    assertMayReadHistory(principal, query.asOf);
    return this.queries.execute(new GetMeasureQuery(measureId, query.asOf, principal));
  }

  @Get('measures/:id/history')
  @ApiOperation({ summary: 'Every event of the measure in order: who, when, what and why' })
  @ReadResponses([{ position: 12, revision: 1, type: 'MeasureTargetSet', at: '2013-11-21T09:00:00.000Z', actor: { id: 'ada', name: 'Ada Admin', role: 'admin' }, data: { period: '2014', value: 79 }, reason: null }])
  history(@Param('id', ParseIdPipe) measureId: string, @Query() _query: ReadQueryDto) {
    return this.queries.execute(new GetMeasureHistoryQuery(measureId));
  }

  @Get('measures/:id/chart.svg')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: 'An SVG chart of the values against the targets and the national comparator, period by period' })
  @ReadResponses('<svg xmlns="http://www.w3.org/2000/svg" ...>')
  async chart(@Param('id', ParseIdPipe) measureId: string, @Query() query: AsOfQueryDto, @CurrentPrincipal() principal: Principal): Promise<string> {
    assertMayReadHistory(principal, query.asOf);
    return renderMeasureChart(await this.queries.execute(new GetMeasureQuery(measureId, query.asOf, principal)));
  }

  // Under /api/trajectory, not /api/schools/..., whose `:urn` routes are the register's.
  @Get('trajectory')
  @Roles(...new Set([...SCHOOL_COUNT_READERS, ...HISTORY_READERS]))
  @ApiOperation({ summary: 'Predicted against target and actual, per phase by period, for the register measures of an indicator ("When will Norfolk schools get to Good?"); numbers only' })
  @ReadResponses({
    asOf: '2014-05-20', indicator: 'good-or-better',
    phases: [{ phase: 'primary', measureId: 'EDU.M.2.2', planId: 'EDU', name: 'Improve % of primary phase schools judged good or better', periods: [{ period: '2013-12', predicted: 67, target: null, actual: 66.2 }] }],
  })
  trajectory(@Query() query: TrajectoryQueryDto): Promise<TrajectoryView> {
    return this.queries.execute(new GetTrajectoryQuery(query.indicator, query.asOf));
  }

  private run(command: ExistingMeasureCommand, ctx: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new ChangeMeasureCommand(command, ctx));
  }
}
