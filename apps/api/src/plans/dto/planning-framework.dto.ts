import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LIMITS, TextField } from '../../common/validation';

/** A list the plan prints (success criteria, standards ...): statements, in the plan's order. */
const FrameworkListField = (example: string[], description: string) =>
  applyDecorators(
    ApiPropertyOptional({ example, description, type: [String], maxItems: 100 }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(100),
    IsString({ each: true }),
    Matches(/\S/, { each: true, message: 'each value in $property must contain text' }),
    MaxLength(LIMITS.text, { each: true }),
  );

/** What a plan or a work-stream prints around its actions, as written (see PlanningFramework). */
export class PlanningFrameworkDto {
  @TextField('Chris Snudden', 'The priority lead', LIMITS.name, true)
  lead?: string;

  @FrameworkListField(['Every school causing concern is known to its governors'], 'What will success look like? (or "What we will see")')
  successCriteria?: string[];

  @FrameworkListField(['Working Together 2013'], 'The standards it works to')
  standards?: string[];

  @FrameworkListField(['Schools engage with the local authority'], 'Its assumptions')
  assumptions?: string[];

  @FrameworkListField(['Capacity of the school improvement team'], 'Its risks')
  risks?: string[];
}
