import type { SchemeCategory, SchemeKind } from '@rag-ledger/contract';

import type { CategorySchemeEvent } from './category-scheme.events';

export type ExistingScheme = { exists: true; id: string; name: string; kind: SchemeKind; categories: SchemeCategory[] };
export type CategorySchemeState = { exists: false } | ExistingScheme;

export const initialCategorySchemeState = (): CategorySchemeState => ({ exists: false });

export function evolveCategoryScheme(state: CategorySchemeState, event: CategorySchemeEvent): CategorySchemeState {
  switch (event.type) {
    case 'CategorySchemeDefined':
      return { exists: true, id: event.data.schemeId, name: event.data.name, kind: event.data.kind, categories: event.data.categories };
    case 'CategorySchemeRevised':
      return state.exists ? { ...state, name: event.data.name, categories: event.data.categories } : state;
  }
}

/** The scheme's category with this code, if it has one. */
export const categoryOfScheme = (scheme: ExistingScheme, code: string): SchemeCategory | undefined => scheme.categories.find((c) => c.code === code);
