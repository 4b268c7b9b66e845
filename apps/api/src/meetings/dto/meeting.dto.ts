import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Validate } from 'class-validator';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { IdField, LIMITS, TextField } from '../../common/validation';

export class ScheduleMeetingDto {
  @IdField('CSIB-2014-01-21', 'Generated when absent: <boardId>-<date>; give one for a second meeting on the same day', true)
  id?: string;

  @ApiProperty({ example: '2014-01-21', format: 'date', description: "The meeting's day (a UK calendar day)" })
  @Validate(IsCalendarDate)
  date: string;

  @TextField('Improvement Board, January', 'Its title as the agenda prints it', LIMITS.title)
  title: string;

  @ApiProperty({ example: '2014-01-14', format: 'date', description: 'The day papers are due, on or before the meeting: reminders go before it' })
  @Validate(IsCalendarDate)
  papersDueOn: string;
}

/** Only what is given changes; the reason is required. */
export class RescheduleMeetingDto {
  @ApiPropertyOptional({ example: '2014-01-28', format: 'date', description: 'The new day of the meeting' })
  @IsOptional()
  @Validate(IsCalendarDate)
  date?: string;

  @TextField('Improvement Board, January (moved)', 'The new title', LIMITS.title, true)
  title?: string;

  @ApiPropertyOptional({ example: '2014-01-21', format: 'date', description: 'The new day papers are due' })
  @IsOptional()
  @Validate(IsCalendarDate)
  papersDueOn?: string;

  @TextField("Moved a week: the Chair's diary", 'Why it changes', LIMITS.reason)
  reason: string;
}
