/**
 * A board row (or an action) with the number of evidence documents it held at the board's
 * instant, from the counts the caller read once for the whole board (heldCountsByAction).
 */
export const withEvidenceCount = <T extends { id: string }>(row: T, counts: ReadonlyMap<string, number>): T & { evidenceCount: number } => ({
  ...row,
  evidenceCount: counts.get(row.id) ?? 0,
});
