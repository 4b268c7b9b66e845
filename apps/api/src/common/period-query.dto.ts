import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { ReadQueryDto } from './read-query.dto';

export class PeriodQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: '2013-12-12', description: 'Start of the period: a date (from its start) or a date-time, inclusive; default the beginning' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO date or date-time' })
  from?: string;

  @ApiPropertyOptional({ example: '2014-01-16', description: 'End of the period: a date (to its end) or a date-time, inclusive; default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO date or date-time' })
  to?: string;
}
