import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, Validate } from 'class-validator';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { LIMITS, StringListField, TextField } from '../../common/validation';

/** A step id goes into URLs: the domain's rule for it (action-steps.decide.ts), checked here to answer 400. */
const STEP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class AddActionStepDto {
  @ApiPropertyOptional({ example: 'SIP.P.1.1.3.s4', description: 'Generated when absent: the next free <actionId>.s<n>', pattern: STEP_ID.source })
  @IsOptional()
  @IsString()
  @Matches(STEP_ID, { message: 'id must be 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit' })
  id?: string;

  @TextField('Collate all of the above information to inform the Workforce Plan 2014 - 17', 'What the step does', LIMITS.title)
  text: string;

  @StringListField(['ES'], "The step's owners: initials, names or a group (may be empty)", { optional: true })
  owners?: string[];

  @StringListField(['ES plus agreed service managers'], 'Enabling teams', { optional: true })
  enablingTeams?: string[];

  @ApiPropertyOptional({ example: '2013-11-30', format: 'date', description: 'The due date' })
  @IsOptional()
  @Validate(IsCalendarDate)
  targetDate?: string;

  @TextField('30 Nov 13', 'The target date as the plan prints it', LIMITS.name, true)
  targetDateText?: string;

  @TextField('due for completion end of October', 'The status the plan prints beside the step, as written', LIMITS.text, true)
  statusNote?: string;
}

export class CompleteActionStepDto {
  @TextField('Workforce data collated for the plan', 'An optional note', LIMITS.text, true)
  note?: string;
}

export class ReopenActionStepDto {
  @TextField('The Q3 audit changes the trends', 'Why the step is reopened', LIMITS.reason)
  reason: string;
}

/** Only what is given is compared, and only what differs is recorded. */
export class ReviseActionStepDto {
  @TextField('Collate the information to inform the Workforce Plan 2014 - 17', 'What the step does', LIMITS.title, true)
  text?: string;

  @StringListField(['ES', 'DE'], "The step's owners", { optional: true })
  owners?: string[];

  @StringListField(['Don Evans'], 'Enabling teams', { optional: true })
  enablingTeams?: string[];

  @ApiPropertyOptional({ example: '2013-12-31', format: 'date', description: 'The due date' })
  @IsOptional()
  @Validate(IsCalendarDate)
  targetDate?: string;

  @TextField('Dec 13', 'The target date as the plan prints it', LIMITS.name, true)
  targetDateText?: string;

  @TextField('due for completion end of December', 'The status the plan prints beside the step', LIMITS.text, true)
  statusNote?: string;

  @TextField('Agreed at the Improvement Board of 12 December', 'Why the step changes', LIMITS.reason)
  reason: string;
}
