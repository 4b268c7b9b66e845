import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Validate } from 'class-validator';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { IdField, LIMITS, StringListField, TextField } from '../../common/validation';

export class AddActionDto {
  @IdField('SIP.PS.1.1.1', 'Generated when absent; stable across refreshes when given', true)
  id?: string;

  @TextField('1.1.1', 'The reference as printed in the plan (not unique)', LIMITS.name, true)
  ref?: string;

  @IdField('SIP.PS', 'A work-stream of the plan')
  workstreamId: string;

  @TextField("Conduct a full and detailed visual overview of the journey of the child through children's social care", 'What will be done', LIMITS.title)
  title: string;

  @StringListField(['AB', 'AH'], 'Responsible owners: initials, names or a group (may be empty where the plan names none)')
  owners: string[];

  @StringListField(['CPO', 'NSCB'], 'Enabling teams', { optional: true })
  enablingTeams?: string[];

  @ApiPropertyOptional({ example: '2013-12-31', format: 'date', description: 'The due date' })
  @IsOptional()
  @Validate(IsCalendarDate)
  targetDate?: string;

  @TextField('Dec 2013', 'The target date as the plan prints it', LIMITS.name, true)
  targetDateText?: string;

  @TextField('Monthly audits show consistent practice standards', 'How success is measured', LIMITS.text, true)
  measures?: string;

  @StringListField(['EHIP'], 'Other plans this action links to', { optional: true })
  links?: string[];
}
