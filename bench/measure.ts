import { performance } from 'node:perf_hooks';

export interface Figure {
  key: string;
  label: string;
  ours: number;
  raw: number;
  /** ours / raw for rates, raw / ours for times: higher is always better. */
  ratio: number;
  target: number;
  unit: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `work` and returns operations per second for `count` operations. */
export async function rate(count: number, work: () => unknown | Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return count / ((performance.now() - start) / 1000);
}

/** Runs ours and raw alternately `rounds` times and keeps the medians, so drift hits both alike. */
export async function compareRates(
  rounds: number,
  count: number,
  ours: (round: number) => unknown | Promise<unknown>,
  raw: (round: number) => unknown | Promise<unknown>,
): Promise<{ ours: number; raw: number }> {
  const o: number[] = [];
  const r: number[] = [];
  for (let round = 0; round < rounds; round++) {
    r.push(await rate(count, () => raw(round)));
    o.push(await rate(count, () => ours(round)));
  }
  return { ours: median(o), raw: median(r) };
}

export function printTable(title: string, figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.label,
    `${Math.round(f.ours).toLocaleString('en-GB')} ${f.unit}`,
    `${Math.round(f.raw).toLocaleString('en-GB')} ${f.unit}`,
    f.ratio.toFixed(2),
    `>= ${f.target}`,
    f.ratio >= f.target ? 'ok' : 'BELOW TARGET',
  ]);
  const header = ['operation', 'rag-ledger', 'raw better-sqlite3', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
