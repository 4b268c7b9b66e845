/**
 * Category schemes are the council's, not the tracker's (000:533, 004:470-480, 003:132-176):
 * a scheme lists its codes, labels, order (worst first), the group each belongs to and the
 * visit schedule each sets. One stream per scheme, `scheme-<schemeId>`; a revision replaces
 * the list (the earlier stays in the log, and categorisations made under it keep their codes).
 */
import type { SchemeCategory, SchemeKind } from '@rag-ledger/contract';

export interface CategorySchemeDefined {
  type: 'CategorySchemeDefined';
  data: { schemeId: string; name: string; kind: SchemeKind; categories: SchemeCategory[] };
}

export interface CategorySchemeRevised {
  type: 'CategorySchemeRevised';
  data: { schemeId: string; name: string; categories: SchemeCategory[]; reason: string };
}

export type CategorySchemeEvent = CategorySchemeDefined | CategorySchemeRevised;
