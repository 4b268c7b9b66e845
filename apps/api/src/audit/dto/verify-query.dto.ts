import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { STAMP_FORM, STAMP_PATTERN } from '@rag-ledger/event-store';
import { ReadQueryDto } from '../../common/read-query.dto';

const EXPECT_MESSAGE = `expect must be ${STAMP_FORM} as a pack prints it: a position (1 or more), a colon and a hash of 64 hex digits`;

export class VerifyQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    example: `1042:${'9f2c4e0b'.repeat(8)}`,
    description: "The stamp printed on an earlier evidence or board pack: the log must still hold that exact event at that position (today's log extends the one the pack was drawn from)",
  })
  @IsOptional()
  @IsString({ message: EXPECT_MESSAGE })
  @Matches(STAMP_PATTERN, { message: EXPECT_MESSAGE })
  expect?: string;
}
