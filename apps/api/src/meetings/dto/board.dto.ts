import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { BOARD_KINDS, type BoardKind } from '@rag-ledger/contract';
import { IdField, LIMITS, StringListField, TextField } from '../../common/validation';

const KIND_MESSAGE = `kind must be one of ${BOARD_KINDS.join(', ')}`;

export class EstablishBoardDto {
  @IdField('CSIB', 'The board\'s id, chosen by the council (it names its meetings: <boardId>-<date>)')
  id: string;

  @TextField("Children's Services Improvement Board", 'Its name as its papers print it', LIMITS.name)
  name: string;

  @ApiPropertyOptional({ enum: BOARD_KINDS, example: 'improvement', description: 'improvement (the default), plan or scrutiny' })
  @IsOptional()
  @IsIn(BOARD_KINDS, { message: KIND_MESSAGE })
  kind?: BoardKind;

  @StringListField(['SIP', 'EDU'], 'The plans it reviews, in the order its packs show them', { minSize: 1 })
  planIds: string[];

  @StringListField(['Independent Chair', 'SS'], 'Its members as the council names them (initials or names)', { optional: true })
  members?: string[];
}

/** Only what is given changes; the reason is required. */
export class ReviseBoardDto {
  @TextField("Children's Services Improvement Board", 'Its new name', LIMITS.name, true)
  name?: string;

  @ApiPropertyOptional({ enum: BOARD_KINDS, example: 'improvement' })
  @IsOptional()
  @IsIn(BOARD_KINDS, { message: KIND_MESSAGE })
  kind?: BoardKind;

  @StringListField(['SIP', 'EDU', 'SEND'], 'The plans it now reviews (the whole list)', { optional: true, minSize: 1 })
  planIds?: string[];

  @StringListField(['Independent Chair', 'SS', 'CS'], 'Its members now (the whole list)', { optional: true })
  members?: string[];

  @TextField('The SEND plan now reports to the Improvement Board', 'Why it changes', LIMITS.reason)
  reason: string;
}
