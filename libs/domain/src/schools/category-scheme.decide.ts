/**
 * The rules for a council's category scheme (domain-schools.md 3.2-3.3): its codes, labels,
 * order worst first, the group each category belongs to, and the visits each sets.
 */
import { CATEGORY_GROUPS, isOneOf, SCHEME_KINDS, type SchemeCategory, type SchemeKind } from '@rag-ledger/contract';

import { NothingToReviseError, requireReason } from '../shared/errors';
import { withoutUndefined } from '../shared/revisions';
import {
  InvalidSchemeCategoriesError, InvalidSchemeIdError, InvalidSchemeKindError, SchemeAlreadyDefinedError, schemeCategoryProblems as problem, SchemeNameRequiredError,
  SchemeNotFoundError,
} from './category-scheme.errors';
import type { CategorySchemeEvent } from './category-scheme.events';
import type { CategorySchemeState } from './category-scheme.state';
import type { CategorySchemeCommand } from './school.commands';

/** A scheme's id is a slug: it is part of the stream's name and of URLs (?scheme=norfolk). */
export const isSchemeId = (value: unknown): value is string => typeof value === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);

export function decideCategoryScheme(command: CategorySchemeCommand, state: CategorySchemeState): CategorySchemeEvent {
  const d = command.data;
  if (command.type === 'DefineCategoryScheme') {
    if (!isSchemeId(d.schemeId)) throw new InvalidSchemeIdError(d.schemeId);
    if (state.exists) throw new SchemeAlreadyDefinedError(d.schemeId);
    const name = requireName(command.data.name);
    if (!isOneOf(SCHEME_KINDS, command.data.kind)) throw new InvalidSchemeKindError(command.data.kind);
    const categories = checkCategories(command.data.categories, command.data.kind);
    return { type: 'CategorySchemeDefined', data: { schemeId: d.schemeId, name, kind: command.data.kind, categories } };
  }
  if (!state.exists) throw new SchemeNotFoundError(d.schemeId);
  const name = command.data.name === undefined ? state.name : requireName(command.data.name);
  const categories = checkCategories(command.data.categories, state.kind);
  if (name === state.name && JSON.stringify(categories) === JSON.stringify(state.categories)) throw new NothingToReviseError(`the scheme "${state.id}"`);
  return { type: 'CategorySchemeRevised', data: { schemeId: state.id, name, categories, reason: requireReason(command.data.reason, 'revising the scheme') } };
}

function requireName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw new SchemeNameRequiredError();
  return name.trim();
}

/** The list checked and written the one way (trimmed, only the known fields), so a revision compares with what is held. */
function checkCategories(categories: unknown, kind: SchemeKind): SchemeCategory[] {
  if (!Array.isArray(categories) || categories.length === 0) throw new InvalidSchemeCategoriesError(problem.none);
  const codes = new Set<string>();
  const orders = new Set<number>();
  return categories.map((given: Partial<SchemeCategory>, index) => {
    const code = typeof given?.code === 'string' ? given.code.trim() : '';
    if (code === '') throw new InvalidSchemeCategoriesError(problem.code(index));
    if (codes.has(code)) throw new InvalidSchemeCategoriesError(problem.duplicateCode(code));
    codes.add(code);
    const label = typeof given.label === 'string' ? given.label.trim() : '';
    if (label === '') throw new InvalidSchemeCategoriesError(problem.label(code));
    if (!Number.isInteger(given.order)) throw new InvalidSchemeCategoriesError(problem.order(code));
    const order = given.order as number;
    if (orders.has(order)) throw new InvalidSchemeCategoriesError(problem.duplicateOrder(order));
    orders.add(order);
    // Every category of a category scheme counts in one of the three groups (000:133); a stage may have none.
    if (kind === 'category' ? !isOneOf(CATEGORY_GROUPS, given.group) : given.group !== undefined && !isOneOf(CATEGORY_GROUPS, given.group)) {
      throw new InvalidSchemeCategoriesError(problem.group(code));
    }
    const weeks = given.visitEveryWeeks;
    if (weeks !== undefined && !(Number.isInteger(weeks) && weeks >= 1 && weeks <= 52)) throw new InvalidSchemeCategoriesError(problem.visits(code));
    return withoutUndefined({ code, label, order, group: given.group, visitEveryWeeks: weeks });
  });
}
