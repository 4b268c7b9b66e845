import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, Validate, ValidateIf } from 'class-validator';
import {
  OFFICER_ROLES, OFSTED_CATEGORIES, OFSTED_GRADES, POWER_DECIDERS, POWERS, SCHOOL_PHASES, SCHOOL_TYPES, VISIT_RAGS, WARNING_NOTICE_KINDS, type OfficerRole, type OfstedCategory,
  type OfstedGrade, type Power, type PowerDecider, type SchoolPhase, type SchoolType, type VisitRag, type WarningNoticeKind,
} from '@rag-ledger/contract';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { IdField, LIMITS, TextField } from '../../common/validation';

/** The national list's unique reference number: six digits. */
export const URN_PATTERN = /^\d{6}$/;
export const URN_MESSAGE = 'A URN is six digits';

/** A scheme is named by its id, a slug (see the category-scheme rules). */
const SCHEME_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const list = (values: readonly unknown[]) => values.join(', ');

export function UrnField(example: string, description: string, optional = false) {
  return applyDecorators(
    optional ? ApiPropertyOptional({ example, description, pattern: URN_PATTERN.source }) : ApiProperty({ example, description, pattern: URN_PATTERN.source }),
    ...(optional ? [IsOptional()] : []),
    IsString({ message: `$property: ${URN_MESSAGE}` }),
    Matches(URN_PATTERN, { message: `$property: ${URN_MESSAGE}, such as 121212` }),
  );
}

/** A UK calendar day, YYYY-MM-DD; `defaultToday`: left out, it is today (in the UK). */
export function DayField(example: string, description: string, options: { optional?: boolean; defaultToday?: boolean } = {}) {
  const optional = options.optional === true || options.defaultToday === true;
  const text = `${description} (a UK calendar day, not after today${options.defaultToday ? '; left out: today' : ''})`;
  return applyDecorators(
    optional ? ApiPropertyOptional({ example, format: 'date', description: text }) : ApiProperty({ example, format: 'date', description: text }),
    ...(optional ? [IsOptional()] : []),
    Validate(IsCalendarDate),
  );
}

function OneOf(values: readonly (string | number)[], example: string | number, description: string, optional = false) {
  return applyDecorators(
    optional ? ApiPropertyOptional({ enum: values, example, description }) : ApiProperty({ enum: values, example, description }),
    ...(optional ? [IsOptional()] : []),
    IsIn(values, { message: `$property must be one of ${list(values)}` }),
  );
}

function SchemeIdField(example: string, description: string) {
  return applyDecorators(
    ApiProperty({ example, description, pattern: SCHEME_ID.source }),
    IsString(),
    Matches(SCHEME_ID, { message: '$property must be the id of a category scheme: lower-case letters, digits and hyphens, such as norfolk' }),
    MaxLength(LIMITS.name),
  );
}

export class RegisterSchoolDto {
  @UrnField('121212', 'The national list’s URN')
  urn: string;

  @TextField('Hethersett Primary School', 'As the national list prints it', LIMITS.name)
  name: string;

  @OneOf(SCHOOL_PHASES, 'primary', 'Phase of education')
  phase: SchoolPhase;

  @OneOf(SCHOOL_TYPES, 'maintained', 'How the school is run')
  type: SchoolType;

  @TextField('South Norfolk', 'The district', LIMITS.name, true)
  district?: string;

  @TextField('Inspiration Trust', 'The academy trust or sponsor', LIMITS.name, true)
  trust?: string;

  @DayField('1998-09-01', 'The day it opened, or converted', { optional: true })
  openedOn?: string;

  @ApiPropertyOptional({ example: 210, description: 'Number on roll' })
  @IsOptional()
  @IsInt({ message: 'pupils must be a whole number' })
  @Min(0, { message: 'pupils cannot be negative' })
  pupils?: number;

  @UrnField('121211', 'For an academy: the URN of the school it continues', true)
  predecessorUrn?: string;
}

/** A correction of the school's details by an officer: only what is given, and only what differs, is recorded. */
export class ReviseSchoolDetailsDto {
  @TextField('Hethersett VC Primary School', 'As the national list prints it', LIMITS.name, true)
  name?: string;

  @OneOf(SCHOOL_PHASES, 'primary', 'Phase of education', true)
  phase?: SchoolPhase;

  @OneOf(SCHOOL_TYPES, 'maintained', 'How the school is run', true)
  type?: SchoolType;

  @TextField('South Norfolk', 'The district', LIMITS.name, true)
  district?: string;

  @TextField('Inspiration Trust', 'The academy trust or sponsor', LIMITS.name, true)
  trust?: string;

  @DayField('1998-09-01', 'The day it opened, or converted', { optional: true })
  openedOn?: string;

  @ApiPropertyOptional({ example: 224, description: 'Number on roll' })
  @IsOptional()
  @IsInt({ message: 'pupils must be a whole number' })
  @Min(0, { message: 'pupils cannot be negative' })
  pupils?: number;

  @TextField('Name as the national list prints it', 'Why the details change', LIMITS.reason)
  reason: string;
}

export class CategoriseSchoolDto {
  @SchemeIdField('norfolk', "The council's category scheme")
  scheme: string;

  @TextField('B3', "One of the scheme's codes", LIMITS.name)
  category: string;

  @TextField('Autumn risk analysis: KS2 results below floor for two years', 'What the council saw (communicated in confidence to the head and chair)', LIMITS.reason)
  reason: string;

  @DayField('2013-09-30', 'The day it took effect', { defaultToday: true })
  categorisedOn?: string;
}

export class OfstedJudgementDto {
  @DayField('2013-10-08', 'The first day of the inspection')
  inspectedOn: string;

  @DayField('2013-11-01', 'The day the report was published')
  publishedOn: string;

  @ApiProperty({ enum: OFSTED_GRADES, example: 4, description: 'Overall effectiveness: 1 outstanding, 2 good, 3 requires improvement, 4 inadequate' })
  @IsIn(OFSTED_GRADES, { message: `grade must be one of ${list(OFSTED_GRADES)}` })
  grade: OfstedGrade;

  @OneOf(OFSTED_CATEGORIES, 'special-measures', 'With grade 4 only, and then required', true)
  category?: OfstedCategory;
}

export class WarningNoticeDto {
  @OneOf(WARNING_NOTICE_KINDS, 'performance-standards-safety', 'The kind of notice (its statutory section follows from it)')
  kind: WarningNoticeKind;

  @DayField('2013-11-15', 'The day it was issued')
  issuedOn: string;

  @TextField('Standards at KS2 below floor for three years; governors have not acted on the LA warning', 'The grounds, as the governing body is told them', LIMITS.reason)
  reason: string;

  @IdField('wn-1', 'Left out: the next free wn-<n>', true)
  noticeId?: string;
}

export class WithdrawWarningNoticeDto {
  @DayField('2014-03-01', 'The day it was withdrawn', { defaultToday: true })
  withdrawnOn?: string;

  @TextField('Progress confirmed at the spring review', 'Why it is withdrawn', LIMITS.reason)
  reason: string;
}

export class InterventionStageDto {
  @SchemeIdField('essex-stages', 'An intervention-stage scheme')
  scheme: string;

  @TextField('3', "One of the scheme's stages", LIMITS.name)
  stage: string;

  @TextField('Stage 3 meeting with the governing body', 'Why the stage changes', LIMITS.reason)
  reason: string;

  @ApiPropertyOptional({ example: false, description: 'A rule moved it (a negative safeguarding assessment), not a person’s decision' })
  @IsOptional()
  @IsBoolean()
  automatic?: boolean;

  @DayField('2013-12-02', 'The day it took effect', { defaultToday: true })
  changedOn?: string;
}

export class PowerDto {
  @OneOf(POWERS, 'interim-executive-board', 'The power of intervention')
  power: Power;

  @OneOf(POWER_DECIDERS, 'council', 'Who decided (an academy order is the Secretary of State’s alone)')
  decidedBy: PowerDecider;

  @DayField('2014-01-10', 'The day it was decided')
  decidedOn: string;

  @TextField('Governing body unable to secure improvement after the warning notice', 'Why', LIMITS.reason)
  reason: string;
}

export class AssignOfficerDto {
  @IdField('p-jb', 'The officer in the directory of people, when they are in it', true)
  personId?: string;

  @TextField('Jo Bloggs', "The officer's name", LIMITS.name)
  name: string;

  @OneOf(OFFICER_ROLES, 'intervention-officer', 'Their role with the school')
  role: OfficerRole;

  @DayField('2013-10-01', 'The day they took the school on', { defaultToday: true })
  assignedOn?: string;

  @TextField('Caseload rebalanced', 'Why (optional)', LIMITS.reason, true)
  reason?: string;
}

export class VisitDto {
  @DayField('2013-10-15', 'The day of the visit')
  visitedOn: string;

  @TextField('Jo Bloggs', 'The officer who visited', LIMITS.name)
  officer: string;

  @TextField('Review visit', 'What the visit was for', LIMITS.name)
  purpose: string;

  @ApiProperty({ example: 'Phonics plan in place; governors challenging data', description: 'The notes of the visit; may be empty, but must be sent', maxLength: LIMITS.text })
  @IsDefined({ message: 'notes must be sent (they may be empty)' })
  @IsString()
  @MaxLength(LIMITS.text)
  notes: string;

  @OneOf(VISIT_RAGS, 'A', "The officer's RAG of the school's progress against its own improvement plan", true)
  rag?: VisitRag;

  @IdField('v1', 'Left out: the next free v<n>', true)
  visitId?: string;
}

/** At least one of the two days; an evaluation comes with its day. */
export class ImprovementPlanDto {
  @DayField('2013-11-12', 'The day the school’s plan was received', { optional: true })
  receivedOn?: string;

  @DayField('2013-11-20', 'The day the council evaluated it', { optional: true })
  evaluatedOn?: string;

  @ApiPropertyOptional({ example: 'Sound; sharpen the KS2 milestones', description: 'What the council found; required with evaluatedOn', maxLength: LIMITS.text })
  @ValidateIf((o: ImprovementPlanDto) => o.evaluatedOn !== undefined || o.evaluation !== undefined)
  @IsDefined({ message: 'evaluation must be given with evaluatedOn: what the council found' })
  @IsString()
  @Matches(/\S/, { message: 'evaluation cannot be blank' })
  @MaxLength(LIMITS.text)
  evaluation?: string;
}

export class ConversionDto {
  @UrnField('140001', "The academy's new URN")
  successorUrn: string;

  @DayField('2014-04-01', 'The day it converted (the academy opens that day)')
  convertedOn: string;

  @TextField('Academy order: sponsored academy with the Inspiration Trust', 'Why', LIMITS.reason)
  reason: string;

  @TextField('Hethersett Academy', "The academy's name, when it is registered here (left out: the school's)", LIMITS.name, true)
  name?: string;

  @OneOf(SCHOOL_TYPES, 'sponsored-academy', "The academy's type, when it is registered here (left out: academy-converter)", true)
  type?: SchoolType;

  @TextField('Inspiration Trust', 'The academy trust or sponsor, when the academy is registered here', LIMITS.name, true)
  trust?: string;
}

export class ClosureDto {
  @DayField('2014-08-31', 'The day it closed')
  closedOn: string;

  @TextField('Amalgamated with the junior school', 'Why', LIMITS.reason)
  reason: string;
}
