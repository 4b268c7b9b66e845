import { AsOfQueryDto } from '../../common/as-of-query.dto';
import { IdField } from '../../common/validation';

export class ExceptionsQueryDto extends AsOfQueryDto {
  @IdField('SIP', 'Only this plan', true)
  planId?: string;
}
