import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, Validate } from 'class-validator';
import { PLAN_KINDS, type PlanKind } from '@rag-ledger/domain';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { IdField, LIMITS, TextField } from '../../common/validation';
import { PlanningFrameworkDto } from './planning-framework.dto';

/** With the framework it prints (lead, success criteria, standards, assumptions, risks), all optional. */
export class CreatePlanDto extends PlanningFrameworkDto {
  @IdField('SIP', 'Chosen by the council; stable across refreshes')
  id: string;

  @ApiProperty({ enum: PLAN_KINDS, example: 'strategic' })
  @IsIn(PLAN_KINDS)
  kind: PlanKind;

  @TextField("Children's Services Strategic Improvement Plan 2013-2015", 'As the plan is titled', LIMITS.title)
  title: string;

  @TextField('Improvement Board', 'The board that reviews the plan', LIMITS.title, true)
  board?: string;

  @TextField('1.05', 'The plan version', LIMITS.name, true)
  version?: string;

  @ApiProperty({ required: false, example: '2013-10-01', format: 'date' })
  @IsOptional()
  @Validate(IsCalendarDate)
  periodStart?: string;

  @ApiProperty({ required: false, example: '2015-09-30', format: 'date' })
  @IsOptional()
  @Validate(IsCalendarDate)
  periodEnd?: string;
}
