export { parsePlanDate } from './plan-date';
export type { PlanDate, PlanDateKind } from './plan-date';
export { splitOwners, normaliseLookalikes } from './owners';
