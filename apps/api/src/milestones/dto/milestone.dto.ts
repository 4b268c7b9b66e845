import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { isIsoDate, MILESTONE_OUTCOMES, type MilestoneOutcome } from '@rag-ledger/domain';
import { AsOfQueryDto } from '../../common/as-of-query.dto';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { IdField, LIMITS, StringListField, TextField } from '../../common/validation';

export class SetMilestoneDto {
  @IdField('EDU.M1', 'Generated when absent: <planId>.M<n>, the next free number after the plan\'s milestones', true)
  id?: string;

  @IdField('EDU.P2', 'The work-stream (priority) it belongs to; absent: the plan\'s own milestone', true)
  workstreamId?: string;

  @ApiProperty({ example: '2013-09-30', format: 'date', description: 'The day it is due (a month as printed means its last day)' })
  @Validate(IsCalendarDate)
  date: string;

  @TextField('By Sept 2013', 'The date as the plan prints it', LIMITS.name, true)
  dateText?: string;

  @TextField('Every Chair of Governors and headteacher knows whether it is a school causing concern', 'The measurable statement, as written', LIMITS.text)
  text: string;

  @StringListField(['2', 'EDU.P2.1'], 'The refs it cites: work-streams, actions, or the plan\'s own numbering, as printed', { optional: true })
  refs?: string[];

  @TextField('Board Review', 'The heading the plan lists it under', LIMITS.name, true)
  group?: string;
}

/** Only what is given changes; the reason is required. */
export class ReviseMilestoneDto {
  @IdField('EDU.P2', 'Move it to this work-stream of the plan', true)
  workstreamId?: string;

  @ApiPropertyOptional({ example: '2013-12-31', format: 'date', description: 'The new day it is due' })
  @IsOptional()
  @Validate(IsCalendarDate)
  date?: string;

  @TextField('By Dec 2013', 'The date as printed', LIMITS.name, true)
  dateText?: string;

  @TextField('Every Chair of Governors knows whether it is a school causing concern', 'The statement', LIMITS.text, true)
  text?: string;

  @StringListField(['2'], 'The refs it cites', { optional: true })
  refs?: string[];

  @TextField('Board Review', 'The heading', LIMITS.name, true)
  group?: string;

  @TextField('Agreed at the December board', 'Why it changes', LIMITS.reason)
  reason: string;
}

export class AssessMilestoneDto {
  @ApiProperty({ enum: MILESTONE_OUTCOMES, example: 'partly-met' })
  @IsIn(MILESTONE_OUTCOMES, { message: 'outcome must be one of met, partly-met or not-met' })
  outcome: MilestoneOutcome;

  @TextField('Two of the five chairs have not yet been told', 'What the assessment rests on', LIMITS.reason)
  reason: string;
}

/** `due=before:YYYY-MM-DD`: the milestones whose date is before that day. */
export const DUE_BEFORE = /^before:(\d{4}-\d{2}-\d{2})$/;

@ValidatorConstraint({ name: 'isDueBefore' })
class IsDueBefore implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    const match = typeof value === 'string' ? DUE_BEFORE.exec(value) : null;
    return match !== null && isIsoDate(match[1]);
  }

  defaultMessage(): string {
    return 'due must be before:YYYY-MM-DD with a calendar date, for example due=before:2014-01-01';
  }
}

export class MilestonesQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ example: 'before:2014-01-01', description: 'before:YYYY-MM-DD keeps the milestones whose date is before that day' })
  @IsOptional()
  @Validate(IsDueBefore)
  due?: string;
}
