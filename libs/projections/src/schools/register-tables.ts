import { SCHOOL_PHASES, type CategorisationTable, type CategoryMovements, type SchoolPhase } from '@rag-ledger/contract';
import { isSchoolOpenOn, type ExistingScheme, type ExistingSchool } from '@rag-ledger/domain';

/** The code a school holds in the scheme: its category, or for a stage scheme its intervention stage. */
export const codeHeldIn = (school: ExistingSchool, scheme: Pick<ExistingScheme, 'id' | 'kind'>): string | undefined =>
  (scheme.kind === 'intervention-stage' ? school.stages[scheme.id] : school.categories[scheme.id])?.code;

/** One phase of the table, with every school counted in it (the API cuts `schools` to those the caller may see). */
export type CategorisationPhase = CategorisationTable['phases'][number] & { uncategorised: number; schools: Array<{ urn: string; name: string; category: string }> };

/**
 * The categorisation table as the strategy prints it ("September 2013: A4 62, B3 64, ..."): the
 * schools open on the day, per phase (in the register's order of phases, those with an open
 * school), counted by the code they hold in the scheme, every code of the scheme listed (zeros
 * too). A school holding no code of the scheme, or one the scheme no longer lists, is
 * `uncategorised`; `total` counts every open school of the phase.
 */
export function categorisationTable(schools: readonly ExistingSchool[], scheme: ExistingScheme, day: string): CategorisationPhase[] {
  const codes = [...scheme.categories].sort((a, b) => a.order - b.order).map((c) => c.code);
  const phases = new Map<SchoolPhase, CategorisationPhase>();
  for (const school of schools) {
    if (!isSchoolOpenOn(school, day)) continue;
    let phase = phases.get(school.phase);
    if (!phase) phases.set(school.phase, (phase = { phase: school.phase, counts: Object.fromEntries(codes.map((c) => [c, 0])), total: 0, uncategorised: 0, schools: [] }));
    phase.total += 1;
    const code = codeHeldIn(school, scheme);
    if (code === undefined || !(code in phase.counts)) {
      phase.uncategorised += 1;
      continue;
    }
    phase.counts[code] += 1;
    phase.schools.push({ urn: school.urn, name: school.name, category: code });
  }
  return SCHOOL_PHASES.flatMap((p) => (phases.has(p) ? [phases.get(p)!] : []));
}

/** One move of the movements, with every school that made it (the API cuts `schools` to those the caller may see). */
export type CategoryMove = CategoryMovements['moves'][number] & { schools: Array<{ urn: string; name: string }> };

/**
 * The schools that moved between codes of the scheme over the period: the code each held at
 * the end of the day before it began (`before`) against the code it holds at its end (`after`),
 * so a school that moved and moved back has not moved. A school newly categorised moves from
 * null. Only schools open at the period's end count (a closed school has left the register).
 * Worst destination first, by the scheme's order; then worst origin first, a first
 * categorisation last.
 */
export function categoryMovements(before: readonly ExistingSchool[], after: readonly ExistingSchool[], scheme: ExistingScheme, to: string): CategoryMove[] {
  const order = new Map(scheme.categories.map((c) => [c.code, c.order]));
  const earlier = new Map(before.map((school) => [school.urn, codeHeldIn(school, scheme)]));
  const moves = new Map<string, CategoryMove>();
  for (const school of after) {
    if (!isSchoolOpenOn(school, to)) continue;
    const now = codeHeldIn(school, scheme);
    if (now === undefined || !order.has(now)) continue;
    const was = earlier.get(school.urn) ?? null;
    if (was === now) continue;
    const key = JSON.stringify([was, now]);
    let move = moves.get(key);
    if (!move) moves.set(key, (move = { from: was, to: now, count: 0, schools: [] }));
    move.count += 1;
    move.schools.push({ urn: school.urn, name: school.name });
  }
  const rank = (code: string | null) => (code === null ? Number.MAX_SAFE_INTEGER : (order.get(code) ?? Number.MAX_SAFE_INTEGER - 1));
  return [...moves.values()].sort((a, b) => rank(a.to) - rank(b.to) || rank(a.from) - rank(b.from));
}
