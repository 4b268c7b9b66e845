import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@rag-ledger/contract';
import { IdField, LIMITS, TextField } from '../../common/validation';

/**
 * Initials as the plans print them: checked here for shape and length only, so that Cyrillic
 * look-alikes ("СМ") reach the directory, which folds them and applies its own rule.
 */
const INITIALS = /^\S{1,8}$/u;

export class AddPersonDto {
  @IdField('cs', 'Optional: by default the initials in lower case (cs; cs-2 when that is taken)', true)
  id?: string;

  @TextField('Chris Snudden', 'Full name', LIMITS.name)
  name: string;

  @ApiProperty({ example: 'CS', description: 'As the plans print them: a capital, then up to seven letters; unique in the directory' })
  @IsString()
  @Matches(INITIALS, { message: '$property must be the initials as the plans print them, such as CS or AMcK' })
  initials: string;

  @TextField('Head of Education Achievement Service', 'Job title', LIMITS.name, true)
  jobTitle?: string;

  @ApiPropertyOptional({ example: 'chris.snudden@norfolk.gov.uk', description: 'Unique in the directory; people sign in with it' })
  @IsOptional()
  @IsEmail({}, { message: '$property must be an email address' })
  @MaxLength(254)
  email?: string;
}

export class RevisePersonDto {
  @TextField('Christine Snudden', 'Full name', LIMITS.name, true)
  name?: string;

  @ApiPropertyOptional({ example: 'CSn', description: 'As the plans print them; unique in the directory' })
  @IsOptional()
  @IsString()
  @Matches(INITIALS, { message: '$property must be the initials as the plans print them, such as CS or AMcK' })
  initials?: string;

  @TextField('Assistant Director, Education', 'Job title', LIMITS.name, true)
  jobTitle?: string;

  @ApiPropertyOptional({ example: 'c.snudden@norfolk.gov.uk' })
  @IsOptional()
  @IsEmail({}, { message: '$property must be an email address' })
  @MaxLength(254)
  email?: string;

  @TextField('Married; new email from the council', 'Why the entry changes', LIMITS.reason)
  reason: string;
}

export class RightDto {
  @ApiProperty({
    enum: ROLES,
    example: 'owner',
    description: 'admin, board, auditor or officer across the council; owner of one plan (with planId); school, a headteacher or chair of governors of one school (with urn); board with urn: a board member named for one school (a local member\'s division)',
  })
  @IsIn(ROLES)
  role: Role;

  @IdField('EDU', 'The plan, for the owner role only (it must exist)', true)
  planId?: string;

  @ApiPropertyOptional({ example: '121212', description: "The school's URN (six digits): required for the school role; for the board role, a named school" })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: '$property must be a school URN: six digits, such as 121212' })
  urn?: string;

  @TextField('Leads the education plan from January', 'Why the right is granted or revoked', LIMITS.reason)
  reason: string;
}

export class ReasonDto {
  @TextField('Left the council on 31 December', 'Why', LIMITS.reason)
  reason: string;
}
