import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_PAGE_MAX, auditedEventTypes } from '@rag-ledger/projections';
import { DayOrInstantField } from '../../common/day-or-instant';
import { ReadQueryDto } from '../../common/read-query.dto';
import { IdField } from '../../common/validation';

/** Every type the trail holds: the projections' compiler-checked list, so a new feature's events can be asked for without a second list to keep. */
const EVENT_TYPES = auditedEventTypes;

export class AuditQueryDto extends ReadQueryDto {
  @IdField('SIP', 'Only this plan', true)
  planId?: string;

  @IdField('SIP.PS.1.1.1', 'Only this action', true)
  actionId?: string;

  @IdField('cs', 'Only the directory events about this person: added, details revised, rights granted or revoked, deactivated', true)
  personId?: string;

  @ApiPropertyOptional({ example: 'ab', description: 'Only changes by this user id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ enum: EVENT_TYPES, example: 'ActionRagChanged' })
  @IsOptional()
  @IsIn(EVENT_TYPES)
  type?: string;

  @DayOrInstantField('2013-11-01', 'From this date (its start) or time, inclusive')
  from?: string;

  @DayOrInstantField('2013-11-30', 'Up to this date (the whole day) or time, inclusive')
  to?: string;

  @ApiPropertyOptional({ example: 1042, description: 'nextCursor of the previous page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  cursor?: number;

  @ApiPropertyOptional({ example: 50, maximum: AUDIT_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;
}
