import { ApiProperty } from '@nestjs/swagger';
import { Validate } from 'class-validator';
import type { Rag } from '@rag-ledger/domain';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { LIMITS, RagField, StringListField, TextField } from '../../common/validation';

export class StartActionDto {
  @RagField('The rating to start at (default G)', true)
  rag?: Rag;

  @TextField('Kick-off meeting held with all team managers', 'An optional note', LIMITS.text, true)
  note?: string;
}

export class ChangeRagDto {
  @RagField('The new rating; must differ from the current one')
  rag: Rag;

  @TextField('Recruitment of qualified social workers is behind plan; agency cover agreed', 'Why the rating changed', LIMITS.reason)
  reason: string;
}

export class NoteProgressDto {
  @TextField('Draft journey map shared with the practice standards group', 'The progress note', LIMITS.text)
  text: string;
}

export class ReviseTargetDateDto {
  @ApiProperty({ example: '2014-03-31', format: 'date' })
  @Validate(IsCalendarDate)
  targetDate: string;

  @TextField('Agreed at the Improvement Board of 12 December', 'Why the date moves', LIMITS.reason)
  reason: string;
}

export class ReassignOwnersDto {
  @StringListField(['AB', 'CM'], 'The new owners', { minSize: 1 })
  owners: string[];

  @TextField('AH has left the authority', 'Why the owners change', LIMITS.reason)
  reason: string;
}

export class CompleteActionDto {
  @TextField('Journey map signed off by the DCS', 'An optional note', LIMITS.text, true)
  note?: string;
}

export class ReopenActionDto {
  @RagField('The rating the reopened action starts at')
  rag: Rag;

  @TextField('Audit found the new standard is not applied in two teams', 'Why it is reopened', LIMITS.reason)
  reason: string;
}

export class WithdrawActionDto {
  @TextField('Superseded by action SIP.PS.1.2.1 in plan version 1.06', 'Why it is withdrawn', LIMITS.reason)
  reason: string;
}
