import { ReadQueryDto } from '../../common/read-query.dto';
import { IdField } from '../../common/validation';

export class ExceptionsQueryDto extends ReadQueryDto {
  @IdField('SIP', 'Only this plan', true)
  planId?: string;
}
