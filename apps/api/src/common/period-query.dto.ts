import { DayOrInstantField } from './day-or-instant';
import { ReadQueryDto } from './read-query.dto';

export class PeriodQueryDto extends ReadQueryDto {
  @DayOrInstantField('2013-12-12', 'Start of the period: a date (from its start) or a date-time, inclusive; default the beginning')
  from?: string;

  @DayOrInstantField('2014-01-16', 'End of the period: a date (to its end) or a date-time, inclusive; default now')
  to?: string;
}
