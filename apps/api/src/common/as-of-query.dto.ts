import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { ReadQueryDto } from './read-query.dto';

export class AsOfQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    example: '2014-01-15',
    description: 'The board exactly as it stood at this date (end of day) or date-time; board, auditor and admin only',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO date (2014-01-15) or date-time (2014-01-15T10:00:00Z)' })
  asOf?: string;
}
