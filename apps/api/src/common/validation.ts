import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { RAG_COLOURS } from '@rag-ledger/domain';

/** Ids are chosen by councils ("SIP.PS.1.1.1") and appear in stream names and URLs. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$/;
export const ID_MESSAGE = 'must be 1-100 letters, digits, dots, dashes, underscores or tildes, starting with a letter or digit';

export const LIMITS = { title: 1000, text: 10_000, reason: 4000, name: 200, owners: 50 } as const;

/** Text that must contain something other than spaces. */
const NOT_BLANK = /\S/;

export function IdField(example: string, description: string, optional = false) {
  return applyDecorators(
    optional ? ApiPropertyOptional({ example, description, pattern: ID_PATTERN.source }) : ApiProperty({ example, description, pattern: ID_PATTERN.source }),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    Matches(ID_PATTERN, { message: `$property ${ID_MESSAGE}` }),
  );
}

export function TextField(example: string, description: string, maxLength: number, optional = false) {
  return applyDecorators(
    optional ? ApiPropertyOptional({ example, description, maxLength }) : ApiProperty({ example, description, maxLength }),
    ...(optional ? [IsOptional()] : [IsNotEmpty()]),
    IsString(),
    Matches(NOT_BLANK, { message: '$property cannot be blank' }),
    MaxLength(maxLength),
  );
}

export function StringListField(example: string[], description: string, options: { optional?: boolean; minSize?: number } = {}) {
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({ example, description, type: [String], maxItems: LIMITS.owners })
      : ApiProperty({ example, description, type: [String], maxItems: LIMITS.owners, minItems: options.minSize }),
    ...(options.optional ? [IsOptional()] : []),
    IsArray(),
    ...(options.minSize ? [ArrayMinSize(options.minSize)] : []),
    ArrayMaxSize(LIMITS.owners),
    IsString({ each: true }),
    Matches(NOT_BLANK, { each: true, message: 'each value in $property must contain text' }),
    MaxLength(LIMITS.name, { each: true }),
  );
}

export function RagField(description: string, optional = false) {
  return applyDecorators(
    optional
      ? ApiPropertyOptional({ enum: RAG_COLOURS, example: 'G', description })
      : ApiProperty({ enum: RAG_COLOURS, example: 'A', description }),
    ...(optional ? [IsOptional()] : []),
    IsIn(RAG_COLOURS, { message: '$property must be one of G, A or R' }),
  );
}
