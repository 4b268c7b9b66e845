import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AsOfQueryDto } from '../../common/as-of-query.dto';
import { LIMITS, TextField } from '../../common/validation';

export class EvidenceListQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ enum: ['all'], description: 'Also the withdrawn and erased documents, with their state (board, auditor, admin and the plan’s owners)' })
  @IsOptional()
  @IsIn(['all'], { message: 'include must be "all" (or left out for the documents held)' })
  include?: 'all';
}

export class WithdrawEvidenceDto {
  @TextField('The draft was attached, not the minutes the board approved', 'Why it leaves the current view (it stays in the history)', LIMITS.reason)
  reason: string;
}

export class EraseEvidenceDto {
  @TextField('Names a child: safeguarding', 'Why the bytes must be deleted (the record of the document stays)', LIMITS.reason)
  reason: string;
}
