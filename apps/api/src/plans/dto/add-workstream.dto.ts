import { IdField, LIMITS, TextField } from '../../common/validation';
import { PlanningFrameworkDto } from './planning-framework.dto';

/** With the framework it prints (lead, success criteria, standards, assumptions, risks), all optional. */
export class AddWorkstreamDto extends PlanningFrameworkDto {
  @IdField('SIP.PS', 'Unique within the plan')
  id: string;

  @TextField('Practice Standards', 'As the plan names it', LIMITS.title)
  title: string;

  @TextField('Tom Savory', 'Accountable officer', LIMITS.name, true)
  accountable?: string;

  @TextField('Andrea Brown', 'Responsible officer or team', LIMITS.name, true)
  responsible?: string;

  @TextField('Miles Fox-Boudewijn', 'Project manager', LIMITS.name, true)
  projectManager?: string;

  @TextField('Clear, consistent and consistently improving processes and standards', 'The outcome statement', LIMITS.text, true)
  outcome?: string;
}
