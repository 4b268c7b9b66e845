import { DayOrInstantField } from './day-or-instant';
import { ReadQueryDto } from './read-query.dto';

export class AsOfQueryDto extends ReadQueryDto {
  @DayOrInstantField('2014-01-15', 'The board exactly as it stood at the end of this date, or at this date-time; board, auditor and admin only')
  asOf?: string;
}
