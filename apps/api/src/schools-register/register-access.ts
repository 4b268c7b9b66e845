import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { maySeeEverySchool, maySeeSchool, type Caller, type SchemeKind } from '@rag-ledger/contract';
import type { RegisterScheme } from '@rag-ledger/projections';

/**
 * The one refusal for a school the caller may not see: the same words whether or not the URN
 * is in the register, so a refusal reveals nothing (only those who see every school hear 404).
 */
export const SCHOOL_NOT_ALLOWED = 'You may not see this school: a school is shown to the council’s officers, to its own headteacher and chair of governors, and to those an administrator has named it for.';
export const schoolNotAllowed = () => new ForbiddenException(SCHOOL_NOT_ALLOWED);

/** Which schools' names (and so categories) the caller may see: every one, the ones named for them, or none. */
export interface SchoolSight {
  every: boolean;
  sees(urn: string): boolean;
  /** Whether lists of schools (the table's, the movements') are shown at all: not to a board member none is named for. */
  listsSchools: boolean;
}

export function schoolSightOf(caller: Caller): SchoolSight {
  const every = maySeeEverySchool(caller);
  return { every, sees: (urn) => maySeeSchool(caller, urn), listsSchools: every || (caller.schools ?? []).length > 0 };
}

/**
 * The scheme a count is by: the one named, or the council's only scheme of the kind. Codes and
 * names of schemes are not confidential, so an unknown one is plainly said.
 */
export function schemeToCountBy(schemes: ReadonlyMap<string, RegisterScheme>, id: string | undefined, parameter = 'scheme'): RegisterScheme {
  if (id !== undefined) {
    const scheme = schemes.get(id);
    if (!scheme) throw new BadRequestException([`${parameter} "${id}" is not one of the council's schemes (${[...schemes.keys()].join(', ') || 'none is defined yet'})`]);
    return scheme;
  }
  const categorySchemes = [...schemes.values()].filter((s) => s.kind === 'category');
  if (categorySchemes.length === 1) return categorySchemes[0];
  throw new BadRequestException([
    categorySchemes.length === 0
      ? 'The council has no category scheme yet: define one (POST /api/category-schemes) first'
      : `${parameter} is needed: the council has several category schemes (${categorySchemes.map((s) => s.id).join(', ')})`,
  ]);
}

/** Whether the code is one of the scheme's, or of any scheme of the kind. */
export function isCodeOf(schemes: ReadonlyMap<string, RegisterScheme>, code: string, kind: SchemeKind, schemeId?: string): boolean {
  const candidates = schemeId !== undefined ? [schemes.get(schemeId)].filter((s) => s !== undefined) : [...schemes.values()].filter((s) => s.kind === kind);
  return candidates.some((s) => s.categories.some((c) => c.code === code));
}
