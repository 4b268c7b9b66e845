import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Validate, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { DAY_OR_INSTANT_FORMS, readDayOrInstant, type DayOrInstant } from '@rag-ledger/domain';

/** The refusal, naming the parameter: what it may be, and why a month or a year alone is not. */
export const dayOrInstantMessage = (parameter: string) =>
  `${parameter} must be ${DAY_OR_INSTANT_FORMS}, given once; a month or a year alone is not accepted: give a day, e.g. 2014-01-31 for the end of January 2014`;

/** A date (a UK calendar day) or a date-time, exactly as readDayOrInstant accepts them. */
@ValidatorConstraint({ name: 'isDayOrInstant' })
export class IsDayOrInstant implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return readDayOrInstant(value) !== undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return dayOrInstantMessage(args.property);
  }
}

/** An optional date or date-time query parameter (asOf, from, to). */
export function DayOrInstantField(example: string, description: string) {
  return (target: object, key: string) => {
    ApiPropertyOptional({ example, description: `${description}. A date is a UK calendar day (Europe/London); a date-time without a zone is UK time` })(target, key);
    IsOptional()(target, key);
    Validate(IsDayOrInstant)(target, key);
  };
}

/** Reads a parameter the DTO has already checked; a value that slipped past is still the caller's 400, never a 500. */
export function requireDayOrInstant(parameter: string, value: string): DayOrInstant {
  const read = readDayOrInstant(value);
  if (!read) throw new BadRequestException([dayOrInstantMessage(parameter)]);
  return read;
}
