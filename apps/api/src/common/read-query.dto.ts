import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Every read accepts minPosition: wait until the read models have processed that log position. */
export class ReadQueryDto {
  @ApiPropertyOptional({ example: 1042, description: 'A position returned by a command: the answer will include that change' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'minPosition must be a whole number' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minPosition?: number;
}
