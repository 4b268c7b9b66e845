import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CATEGORY_GROUPS, SCHEME_KINDS, type CategoryGroup, type SchemeKind } from '@rag-ledger/contract';
import { EXAMPLE_SCHEMES } from '@rag-ledger/domain';
import { LIMITS, TextField } from '../../common/validation';

/** The examples the tracker ships, by id (norfolk, warwickshire, essex-stages). */
export const EXAMPLE_SCHEME_IDS = EXAMPLE_SCHEMES.map((s) => s.schemeId);

/** Enough for any council's scheme (Warwickshire's has 8). */
const MAX_CATEGORIES = 100;

export class SchemeCategoryDto {
  @TextField('A4', 'The code', LIMITS.name)
  code: string;

  @TextField('Schools of Concern', 'The words the council uses for it', LIMITS.name)
  label: string;

  @ApiProperty({ example: 1, description: 'Its place, worst first (1 is the most concern)' })
  @IsInt({ message: 'order must be a whole number' })
  order: number;

  @ApiPropertyOptional({ enum: CATEGORY_GROUPS, example: 'causing-concern', description: 'Required in a category scheme' })
  @IsOptional()
  @IsIn(CATEGORY_GROUPS, { message: `group must be one of ${CATEGORY_GROUPS.join(', ')}` })
  group?: CategoryGroup;

  @ApiPropertyOptional({ example: 2, description: 'How often the officer visits a school in this category, in weeks (1-52)' })
  @IsOptional()
  @IsInt({ message: 'visitEveryWeeks must be a whole number of weeks' })
  @Min(1)
  @Max(52)
  visitEveryWeeks?: number;
}

/** Either a scheme of the council's own (id, name, kind, categories), or one of the shipped examples by name. */
export class DefineCategorySchemeDto {
  @ApiPropertyOptional({ enum: EXAMPLE_SCHEME_IDS, example: 'norfolk', description: 'One of the shipped examples, instead of the fields below' })
  @IsOptional()
  @IsIn(EXAMPLE_SCHEME_IDS, { message: `example must be one of ${EXAMPLE_SCHEME_IDS.join(', ')}` })
  example?: string;

  @ApiPropertyOptional({ example: 'suffolk-2014', description: 'Lower-case letters, digits and hyphens' })
  @ValidateIf((o: DefineCategorySchemeDto) => o.example === undefined || o.id !== undefined)
  @IsDefined({ message: 'id must be given (or an example)' })
  @IsString()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'id must be lower-case letters, digits and hyphens, such as suffolk-2014' })
  @MaxLength(LIMITS.name)
  id?: string;

  @ApiPropertyOptional({ example: 'Suffolk school categories' })
  @ValidateIf((o: DefineCategorySchemeDto) => o.example === undefined || o.name !== undefined)
  @IsDefined({ message: 'name must be given (or an example)' })
  @IsString()
  @Matches(/\S/, { message: 'name cannot be blank' })
  @MaxLength(LIMITS.name)
  name?: string;

  @ApiPropertyOptional({ enum: SCHEME_KINDS, example: 'category' })
  @ValidateIf((o: DefineCategorySchemeDto) => o.example === undefined || o.kind !== undefined)
  @IsIn(SCHEME_KINDS, { message: `kind must be one of ${SCHEME_KINDS.join(', ')}` })
  kind?: SchemeKind;

  @ApiPropertyOptional({ type: [SchemeCategoryDto] })
  @ValidateIf((o: DefineCategorySchemeDto) => o.example === undefined || o.categories !== undefined)
  @IsArray({ message: 'categories must be a list (or give an example)' })
  @ArrayMinSize(1, { message: 'categories must list at least one category' })
  @ArrayMaxSize(MAX_CATEGORIES)
  @ValidateNested({ each: true })
  @Type(() => SchemeCategoryDto)
  categories?: SchemeCategoryDto[];
}

export class ReviseCategorySchemeDto {
  @TextField('Suffolk school categories 2014', 'A new name (left out: as it is)', LIMITS.name, true)
  name?: string;

  @ApiProperty({ type: [SchemeCategoryDto], description: 'The whole new list' })
  @IsArray()
  @ArrayMinSize(1, { message: 'categories must list at least one category' })
  @ArrayMaxSize(MAX_CATEGORIES)
  @ValidateNested({ each: true })
  @Type(() => SchemeCategoryDto)
  categories: SchemeCategoryDto[];

  @TextField('Agreed with the consortia', 'Why the scheme changes', LIMITS.reason)
  reason: string;
}
