import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { PeriodQueryDto } from '../../common/period-query.dto';
import { ID_MESSAGE, ID_PATTERN } from '../../common/validation';

/** Ids separated by commas, at most 50 of them. */
const ID_LIST = new RegExp(`^${ID_PATTERN.source.slice(1, -1)}(,${ID_PATTERN.source.slice(1, -1)}){0,49}$`);

/** GET /api/trends: the period, and the plans to add up (every plan by default). */
export class TrendsQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ example: 'SIP,EHIP', description: 'Only these plans, their ids separated by commas (at most 50); default every plan' })
  @IsOptional()
  @IsString({ message: 'planIds must be plan ids separated by commas, given once' })
  @Matches(ID_LIST, { message: `planIds must be at most 50 plan ids separated by commas; each id ${ID_MESSAGE}` })
  planIds?: string;
}
