import { CATEGORY_GROUPS, SCHEME_KINDS, type SchemeKind } from '@rag-ledger/contract';

import { ConflictError, NotFoundError, RuleViolationError } from '../shared/errors';

const quoted = (list: readonly unknown[]) => list.map((v) => `"${String(v)}"`).join(', ');

export class SchemeNotFoundError extends NotFoundError {
  constructor(readonly schemeId: string) {
    super(`There is no category scheme "${schemeId}". An administrator defines the council's schemes first.`);
  }
}

export class SchemeAlreadyDefinedError extends ConflictError {
  constructor(readonly schemeId: string) {
    super(`A category scheme "${schemeId}" is already defined; to change its categories, revise it with a reason.`);
  }
}

/** A category given to a stage scheme, or a stage to a category scheme. */
export class SchemeKindError extends RuleViolationError {
  constructor(
    readonly schemeId: string,
    readonly schemeKind: SchemeKind,
    readonly expected: SchemeKind,
  ) {
    super(
      expected === 'category'
        ? `"${schemeId}" is a scheme of intervention stages, not of categories: record a stage with it instead.`
        : `"${schemeId}" is a scheme of categories, not of intervention stages: categorise the school with it instead.`,
    );
  }
}

export class CategoryNotInSchemeError extends RuleViolationError {
  constructor(
    readonly schemeId: string,
    readonly code: unknown,
    readonly codes: readonly string[],
    what: 'category' | 'stage' = 'category',
  ) {
    super(`"${String(code)}" is not a ${what} of the scheme "${schemeId}"; its ${what === 'category' ? 'categories' : 'stages'} are ${codes.join(', ')}.`);
  }
}

export class InvalidSchemeIdError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" cannot name a scheme: use lower-case letters, digits and hyphens, such as "norfolk-2013".`);
  }
}

export class SchemeNameRequiredError extends RuleViolationError {
  constructor() {
    super('A category scheme needs a name, such as "Norfolk LA risk categories".');
  }
}

export class InvalidSchemeKindError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" is not a kind of scheme; use ${quoted(SCHEME_KINDS)}.`);
  }
}

/** What is wrong with a scheme's list of categories, one problem at a time, in plain words. */
export class InvalidSchemeCategoriesError extends RuleViolationError {
  constructor(readonly problem: string) {
    super(problem);
  }
}

export const schemeCategoryProblems = {
  none: 'A scheme needs at least one category.',
  code: (index: number) => `Category ${index + 1} has no code; give each category its code, such as "A4".`,
  label: (code: string) => `Category "${code}" has no label; give the words the council uses for it.`,
  duplicateCode: (code: string) => `The code "${code}" is given twice; each category has its own code.`,
  order: (code: string) => `Category "${code}" needs its place in the order as a whole number (1 is the most concern).`,
  duplicateOrder: (order: number) => `Two categories have the place ${order} in the order; each has its own.`,
  group: (code: string) => `Category "${code}" needs the group it belongs to: ${quoted(CATEGORY_GROUPS)}.`,
  visits: (code: string) => `The visits for category "${code}" must be every 1 to 52 weeks, as a whole number, or not given.`,
};
