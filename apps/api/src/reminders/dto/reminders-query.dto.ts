import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ReadQueryDto } from '../../common/read-query.dto';
import { ID_MESSAGE, ID_PATTERN } from '../../common/validation';

export class RemindersQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: 'IB-2014-03-12', description: 'Only the reminders before this meeting' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: `meetingId ${ID_MESSAGE}` })
  meetingId?: string;
}
