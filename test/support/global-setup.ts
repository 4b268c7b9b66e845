import { testSeed } from './test-seed';

/** Once per run, before any test file: the seed, so a failure anywhere can be reproduced with it. */
export default function globalSetup(): void {
  const seed = testSeed();
  process.stderr.write(`\nproperty-based tests: fast-check seed ${seed} (set RAG_LEDGER_TEST_SEED to choose another, or to reproduce a failure)\n`);
}
