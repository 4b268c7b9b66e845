import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { requireCurrentBuild, staleBuild } from '../support/built-code';
import { DEFAULT_TEST_SEED, testSeed } from '../support/test-seed';

/** The test harness itself: the fixed seed of the property tests, and the check that dist/ is current. */

describe('the seed of the property-based tests', () => {
  it('is fixed unless RAG_LEDGER_TEST_SEED sets it, and a wrong value is refused by name', () => {
    expect(testSeed({})).toBe(DEFAULT_TEST_SEED);
    expect(testSeed({ RAG_LEDGER_TEST_SEED: ' 1234 ' })).toBe(1234);
    expect(testSeed({ RAG_LEDGER_TEST_SEED: '-7' })).toBe(-7);
    for (const wrong of ['abc', '1.5', '99999999999']) expect(() => testSeed({ RAG_LEDGER_TEST_SEED: wrong })).toThrow(/RAG_LEDGER_TEST_SEED/);
  });

  it('is the one every property of this run uses (set by the jest setup file)', () => {
    expect(fc.readConfigureGlobal().seed).toBe(testSeed());
    // The same seed, the same values: a failure can be replayed.
    const draw = () => fc.sample(fc.string(), { numRuns: 5 });
    expect(draw()).toEqual(draw());
  });
});

describe('the check that dist/ is the sources as they are', () => {
  let root: string;
  const at = (path: string, iso: string) => utimesSync(join(root, path), new Date(iso), new Date(iso));
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'rag-ledger-build-'));
    mkdirSync(join(root, 'apps/api/src'), { recursive: true });
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'apps/api/src/main.ts'), '');
    at('apps/api/src/main.ts', '2014-01-10T09:00:00Z');
    at('apps/api/src', '2014-01-10T09:00:00Z');
    at('apps/api', '2014-01-10T09:00:00Z');
    at('apps', '2014-01-10T09:00:00Z');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('says so when there has been no build', () => {
    expect(staleBuild(root)).toMatch(/dist\/ has not been built/);
    expect(() => requireCurrentBuild(root)).toThrow(/run node scripts\/ensure-built.js/);
  });

  it('passes a build newer than every source, and names the source changed after it', () => {
    writeFileSync(join(root, 'dist/.build-stamp'), '');
    at('dist/.build-stamp', '2014-01-10T10:00:00Z');
    expect(staleBuild(root)).toBeUndefined();
    expect(() => requireCurrentBuild(root)).not.toThrow();

    at('apps/api/src/main.ts', '2014-01-10T11:00:00Z');
    expect(staleBuild(root)).toBe('dist/ is older than the sources: apps/api/src/main.ts changed at 2014-01-10T11:00:00.000Z, after the build of 2014-01-10T10:00:00.000Z');
    expect(() => requireCurrentBuild(root)).toThrow(/apps\/api\/src\/main.ts changed .*: run node scripts\/ensure-built.js/);
  });
});
