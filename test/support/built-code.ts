import { join } from 'node:path';

interface Freshness {
  builtAt: number;
  newest: { path: string; mtimeMs: number };
  current: boolean;
}
// The check ensure-built.js makes before it builds, shared so that both agree on "current".
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildFreshness } = require('../../scripts/build-freshness') as { buildFreshness: (root?: string) => Freshness };

const ROOT = join(__dirname, '..', '..');

/** Why dist/ of `root` cannot be trusted to be the sources as they are, or undefined if it can. */
export function staleBuild(root = ROOT): string | undefined {
  const { builtAt, newest, current } = buildFreshness(root);
  if (current) return undefined;
  if (builtAt === 0) return 'dist/ has not been built (there is no dist/.build-stamp)';
  return `dist/ is older than the sources: ${newest.path} changed at ${new Date(newest.mtimeMs).toISOString()}, after the build of ${new Date(builtAt).toISOString()}`;
}

/**
 * For the suites that run built code (child processes, the CLIs, worker threads, the web
 * board's files): fails with a clear message when dist/ is not the sources as they are,
 * instead of testing old code. `npm test` builds first; so does `node scripts/ensure-built.js`.
 */
export function requireCurrentBuild(root = ROOT): void {
  const problem = staleBuild(root);
  if (problem) throw new Error(`${problem}: run node scripts/ensure-built.js (npm test does it first), then this suite again.`);
}

/** `path`, a file of dist/ about to be run, once the build is known to be current (see requireCurrentBuild). */
export function built(path: string): string {
  requireCurrentBuild();
  return path;
}
