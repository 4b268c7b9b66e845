// Whether dist/ was built from the sources as they are now: shared by ensure-built.js (which
// builds when it was not) and by the tests that run built code (test/support/built-code.ts),
// which must not test yesterday's code. A build is current when dist/.build-stamp, written at
// the end of every build, is newer than every file of the sources.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
/** What a build is made from. */
const SOURCES = ['apps', 'libs', 'bench', 'test/processes', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json'];

/** The most recently changed file or directory under `path`: { path, mtimeMs }, or undefined when there is none. */
function newest(path) {
  if (!existsSync(path)) return undefined;
  const stat = statSync(path);
  let best = { path, mtimeMs: stat.mtimeMs };
  if (!stat.isDirectory()) return best;
  for (const name of readdirSync(path)) {
    const found = newest(join(path, name));
    if (found && found.mtimeMs > best.mtimeMs) best = found;
  }
  return best;
}

/** The build of `root` and its newest source: { builtAt (ms, 0 if never), newest: { path, mtimeMs }, current }. */
function buildFreshness(root = ROOT) {
  const stamp = join(root, 'dist', '.build-stamp');
  const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const latest = SOURCES.map((s) => newest(join(root, s))).filter(Boolean).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a), { path: root, mtimeMs: 0 });
  return { builtAt, stamp, newest: { path: relative(root, latest.path) || '.', mtimeMs: latest.mtimeMs }, current: builtAt > 0 && latest.mtimeMs <= builtAt };
}

module.exports = { ROOT, SOURCES, buildFreshness };
