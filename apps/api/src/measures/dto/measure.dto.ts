import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNumber, IsOptional, Matches, Min, ValidateNested } from 'class-validator';
import { SCHOOL_INDICATORS, SCHOOL_PHASES, type SchoolIndicator, type SchoolPhase } from '@rag-ledger/contract';
import {
  COMPARATORS,
  MEASURE_SOURCES,
  MEASURE_UNITS,
  PERIOD_PATTERN,
  POLARITIES,
  type Comparator,
  type MeasureSource,
  type MeasureUnit,
  type Polarity,
  type Rag,
} from '@rag-ledger/domain';
import { AsOfQueryDto } from '../../common/as-of-query.dto';
import { IdField, LIMITS, RagField, TextField } from '../../common/validation';

const PERIOD_MESSAGE = '$property must be a year (2014), an academic or financial year (2013/14), a quarter (2014-Q1) or a month (2014-03)';
const PeriodField = () => (target: object, key: string) => {
  ApiProperty({ example: '2014', pattern: PERIOD_PATTERN.source })(target, key);
  Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE })(target, key);
};
const NumberField = (example: number, description: string) => (target: object, key: string) => {
  ApiProperty({ example, description })(target, key);
  IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a number' })(target, key);
};

export class BaselineDto {
  @PeriodField()
  period: string;

  @NumberField(64, 'The baseline value')
  value: number;
}

export class DefineMeasureDto {
  @IdField('EDU.M.2.2', 'Chosen by the council; stable across refreshes')
  id: string;

  @TextField('Improve % of primary phase schools judged good or better', 'The measure as the plan names it', LIMITS.title)
  name: string;

  @ApiProperty({ enum: MEASURE_UNITS, example: 'percent' })
  @IsIn(MEASURE_UNITS)
  unit: MeasureUnit;

  @ApiProperty({ enum: POLARITIES, example: 'higher', description: 'Whether a higher or a lower value is better' })
  @IsIn(POLARITIES)
  polarity: Polarity;

  @IdField('EDU.P2', 'A work-stream of the plan', true)
  workstreamId?: string;

  @ApiPropertyOptional({ type: BaselineDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BaselineDto)
  baseline?: BaselineDto;

  @ApiProperty({ example: 3, description: 'How far worse than target, in the measure unit, is still Amber' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  amberTolerance: number;

  @ApiPropertyOptional({ enum: MEASURE_SOURCES, example: 'register', description: "'register': the figures are computed from the schools register, never typed in (needs an indicator; the unit is percent)" })
  @IsOptional()
  @IsIn(MEASURE_SOURCES, { message: `$property must be one of: ${MEASURE_SOURCES.join(', ')}` })
  computedFrom?: MeasureSource;

  @ApiPropertyOptional({ enum: SCHOOL_INDICATORS, example: 'good-or-better', description: 'What the register counts (with computedFrom "register")' })
  @IsOptional()
  @IsIn(SCHOOL_INDICATORS, { message: `$property must be one of: ${SCHOOL_INDICATORS.join(', ')}` })
  indicator?: SchoolIndicator;

  @ApiPropertyOptional({ enum: SCHOOL_PHASES, example: 'primary', description: 'The phase of school counted (with computedFrom "register"); absent: every phase' })
  @IsOptional()
  @IsIn(SCHOOL_PHASES, { message: `$property must be one of: ${SCHOOL_PHASES.join(', ')}` })
  phase?: SchoolPhase;
}

export class RecordPredictionDto {
  @PeriodField()
  period: string;

  @NumberField(67, "The council's prediction for the period")
  value: number;

  @TextField('Last inspections, three years of published data, the LA risk analysis and academisation', 'What the prediction rests on', LIMITS.reason, true)
  reason?: string;
}

export class TrajectoryQueryDto extends AsOfQueryDto {
  @ApiProperty({ enum: SCHOOL_INDICATORS, example: 'good-or-better' })
  @IsIn(SCHOOL_INDICATORS, { message: `$property must be one of: ${SCHOOL_INDICATORS.join(', ')}` })
  indicator: SchoolIndicator;
}

export class SetTargetDto {
  @PeriodField()
  period: string;

  @NumberField(79, 'The target for the period')
  value: number;
}

export class RecordValueDto {
  @PeriodField()
  period: string;

  @NumberField(81, 'The value for the period')
  value: number;

  @ApiPropertyOptional({ example: true, description: 'A provisional figure, to be replaced by the final one' })
  @IsOptional()
  @IsBoolean()
  provisional?: boolean;

  @TextField('DfE Statistical First Release, October 2014', 'Where the figure comes from', LIMITS.name, true)
  source?: string;
}

export class ReviseValueDto {
  @PeriodField()
  period: string;

  @NumberField(74, 'The corrected value')
  value: number;

  @TextField('Re-baselined after Ofsted re-inspections reclassified 12 schools', 'Why the value changes', LIMITS.reason)
  reason: string;
}

export class RecordComparatorDto {
  @PeriodField()
  period: string;

  @ApiProperty({ enum: COMPARATORS, example: 'national' })
  @IsIn(COMPARATORS)
  comparator: Comparator;

  @NumberField(79, 'The comparator value for the period')
  value: number;
}

export class OverrideRagDto {
  @RagField('The RAG the board should see, beside the computed one')
  rag: Rag;

  @TextField('Two more schools fell into category after the census date', 'Why the computed RAG is not the whole story', LIMITS.reason)
  reason: string;
}
