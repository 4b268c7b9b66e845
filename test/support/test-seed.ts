/**
 * The seed of every property-based test in a run: RAG_LEDGER_TEST_SEED, or a fixed number.
 * Fixed, so a run that passes passes again and one that fails fails again; printed at the
 * start of the run (global-setup.ts) and by fast-check with any failure, so it can be set to
 * reproduce one: `RAG_LEDGER_TEST_SEED=<seed> npx jest <file> -t '<name>'`.
 */
export const DEFAULT_TEST_SEED = 20140115;

export function testSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RAG_LEDGER_TEST_SEED?.trim();
  if (raw === undefined || raw === '') return DEFAULT_TEST_SEED;
  // fast-check takes a 32-bit integer seed.
  if (!/^-?\d+$/.test(raw) || Math.abs(Number(raw)) > 2 ** 31 - 1) {
    throw new Error(`RAG_LEDGER_TEST_SEED must be a whole number between -2147483647 and 2147483647, not "${raw}"`);
  }
  return Number(raw);
}
