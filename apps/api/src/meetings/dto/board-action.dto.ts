import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Validate } from 'class-validator';
import { BOARD_ACTION_STATES, type BoardActionState } from '@rag-ledger/contract';
import { AsOfQueryDto } from '../../common/as-of-query.dto';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { IdField, LIMITS, TextField } from '../../common/validation';

export class AgreeBoardActionDto {
  @IdField('CSIB-2014-01-21.1', 'Generated when absent: <meetingId>.<n>, the next free number of the meeting', true)
  id?: string;

  @TextField('4. Performance report', 'The agenda item it was agreed under', LIMITS.name)
  agendaItem: string;

  @TextField('It was agreed that the accurate figure would be circulated with the minutes', 'What was agreed, in the words of the minutes', LIMITS.text)
  text: string;

  @TextField('SS', 'Who is to do it (initials from the directory, or a name as the minutes give it)', LIMITS.name)
  owner: string;

  @ApiProperty({ example: '2014-02-18', format: 'date', description: 'The day it is due' })
  @Validate(IsCalendarDate)
  dueOn: string;
}

export class RespondToBoardActionDto {
  @TextField('Circulated with the minutes on 24 January', 'What was done, or where it stands', LIMITS.text)
  text: string;
}

export class CloseBoardActionDto {
  @TextField('The board accepted the response at its February meeting', 'Why it is closed', LIMITS.reason)
  reason: string;
}

export class BoardActionsQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ enum: BOARD_ACTION_STATES, description: 'Only the open, or only the closed, board actions' })
  @IsOptional()
  @IsIn(BOARD_ACTION_STATES, { message: 'state must be open or closed' })
  state?: BoardActionState;
}
