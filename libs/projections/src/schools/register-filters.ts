import type { SchoolPhase, SchoolRow } from '@rag-ledger/contract';

/** What GET /api/schools may be narrowed by, each already checked against the register (unknown values are the caller's 400). */
export interface RegisterFilter {
  phase?: SchoolPhase;
  /** Matched without regard to case. */
  district?: string;
  /** A code: in `scheme` when given, else in any category scheme. */
  category?: string;
  /** A code: in `scheme` when given, else in any intervention-stage scheme. */
  stage?: string;
  scheme?: string;
  /** An assigned officer's name (without regard to case) or personId. */
  officer?: string;
  /** `due` takes the overdue too. */
  visit?: 'due' | 'overdue';
  plan?: 'overdue';
}

const same = (a: string, b: string) => a.localeCompare(b, 'en-GB', { sensitivity: 'accent' }) === 0;

const holds = (held: Record<string, string>, code: string, scheme: string | undefined) =>
  scheme !== undefined ? held[scheme] === code : Object.values(held).includes(code);

/** Whether the register's row passes every filter given. */
export function matchesRegisterFilter(row: SchoolRow, filter: RegisterFilter): boolean {
  if (filter.phase !== undefined && row.phase !== filter.phase) return false;
  if (filter.district !== undefined && (row.district === null || !same(row.district, filter.district))) return false;
  if (filter.category !== undefined && !holds(row.categories, filter.category, filter.scheme)) return false;
  if (filter.stage !== undefined && !holds(row.stages, filter.stage, filter.scheme)) return false;
  if (filter.officer !== undefined && !row.officers.some((o) => o.personId === filter.officer || same(o.name, filter.officer!))) return false;
  if (filter.visit === 'overdue' && row.visitDue !== 'overdue') return false;
  if (filter.visit === 'due' && row.visitDue !== 'due' && row.visitDue !== 'overdue') return false;
  if (filter.plan === 'overdue' && !row.improvementPlan.overdue) return false;
  return true;
}
