import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, MaxLength, Validate } from 'class-validator';
import { SCHOOL_PHASES, type SchoolPhase } from '@rag-ledger/contract';
import { DayOrInstantField } from '../../common/day-or-instant';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { ReadQueryDto } from '../../common/read-query.dto';
import { IdField, LIMITS, TextField } from '../../common/validation';

/** `?asOf=`: the register as at the end of a UK day (a date-time: its UK day). */
export class RegisterAsOfQueryDto extends ReadQueryDto {
  @DayOrInstantField('2013-09-30', 'The register as at this UK day: every event that had taken effect by its end (a date-time is read as its UK day)')
  asOf?: string;
}

export class RegisterQueryDto extends RegisterAsOfQueryDto {
  @ApiPropertyOptional({ enum: SCHOOL_PHASES, example: 'primary' })
  @IsOptional()
  @IsIn(SCHOOL_PHASES, { message: `phase must be one of ${SCHOOL_PHASES.join(', ')}` })
  phase?: SchoolPhase;

  @ApiPropertyOptional({ example: 'Breckland', description: 'A district of the register (case aside)' })
  @IsOptional()
  @MaxLength(LIMITS.name)
  district?: string;

  @ApiPropertyOptional({ example: 'A4', description: "A category code: of `scheme` when given, else of any category scheme" })
  @IsOptional()
  @MaxLength(LIMITS.name)
  category?: string;

  @IdField('norfolk', 'The scheme `category` or `stage` is a code of', true)
  scheme?: string;

  @ApiPropertyOptional({ example: '3', description: 'An intervention stage: of `scheme` when given, else of any intervention-stage scheme' })
  @IsOptional()
  @MaxLength(LIMITS.name)
  stage?: string;

  @ApiPropertyOptional({ example: 'Janet Warburton', description: "An assigned officer's name (case aside) or person id" })
  @IsOptional()
  @MaxLength(LIMITS.name)
  officer?: string;

  @ApiPropertyOptional({ enum: ['due', 'overdue'], description: 'due: a visit due within two weeks or overdue; overdue: its day has passed' })
  @IsOptional()
  @IsIn(['due', 'overdue'], { message: 'visit must be due or overdue' })
  visit?: 'due' | 'overdue';

  @ApiPropertyOptional({ enum: ['overdue'], description: 'overdue: the improvement plan asked for after a grade 3 or 4 has not come in by its day' })
  @IsOptional()
  @IsIn(['overdue'], { message: 'plan must be overdue' })
  plan?: 'overdue';
}

export class CategorisationQueryDto extends RegisterAsOfQueryDto {
  @IdField('norfolk', 'The scheme to count by; may be left out when the council has one category scheme', true)
  scheme?: string;
}

export class MovementsQueryDto extends ReadQueryDto {
  @DayOrInstantField('2013-09-01', 'The first UK day of the period: codes are compared with those held at the end of the day before')
  from?: string;

  @DayOrInstantField('2013-12-31', 'The last UK day of the period; default today')
  to?: string;

  @IdField('norfolk', 'The scheme; may be left out when the council has one category scheme', true)
  scheme?: string;
}

/** POST /api/schools/categorisations/import?scheme=<id>[&categorisedOn][&reason]: the defaults of rows that give none. */
export class CategorisationImportQueryDto {
  @IdField('norfolk', 'The category scheme the codes are of')
  scheme: string;

  @ApiPropertyOptional({ example: '2013-09-01', format: 'date', description: "The UK day a row without its own CategorisedOn took effect; default today" })
  @IsOptional()
  @Validate(IsCalendarDate)
  categorisedOn?: string;

  @TextField('Autumn term review', 'The reason recorded for a row without its own Reason', LIMITS.reason, true)
  reason?: string;
}
