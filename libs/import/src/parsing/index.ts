export { parsePlanDate } from './plan-date';
export type { PlanDate, PlanDateKind } from './plan-date';
export { splitOwners } from './owners';
export { normaliseLookalikes } from '@rag-ledger/domain';
