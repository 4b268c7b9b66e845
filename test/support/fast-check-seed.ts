import fc from 'fast-check';
import { testSeed } from './test-seed';

// Run before every test file (jest.config.js setupFiles): every fc.assert and fc.check of the
// run uses the one seed, unless a test passes its own. A failure's report names the seed, the
// path and the counter-example, shrunk unless the test turned shrinking off (endOnFailure).
fc.configureGlobal({ seed: testSeed() });
