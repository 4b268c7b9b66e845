// Whether dist/ was built from the sources as they are now: shared by ensure-built.js (which
// builds when it was not) and by the tests that run built code (test/support/built-code.ts),
// which must not test yesterday's code. A build is current when dist/.build-stamp, written at
// the end of every build (scripts/build.js), is newer than every file of the sources.
//
// An installed tree, such as the Docker image, holds dist/ and package.json but none of the
// code a build compiles (apps/, libs/): there is nothing to be newer than the build, so its
// stamp alone makes it current. Times are not compared there, because Docker's COPY may not
// keep them (BuildKit can set every file to SOURCE_DATE_EPOCH), and package-lock.json, which
// the image holds, could then look newer than the build.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
/** What a build is made from. */
const SOURCES = ['apps', 'libs', 'bench', 'test/processes', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json'];
/** What a build compiles: a tree without any of these cannot be built, only run. */
const COMPILED = ['apps', 'libs'];

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

/** The file every build writes last. */
function stampOf(root = ROOT) {
  return join(root, 'dist', '.build-stamp');
}

/** Whether `root` is an installed tree (built code, no sources to build from), as the Docker image is. */
function isInstalled(root = ROOT) {
  return COMPILED.every((path) => !existsSync(join(root, path)));
}

/**
 * The build of `root` and its newest source: { builtAt (ms, 0 if never), stamp, newest: { path,
 * mtimeMs }, installed, current }.
 */
function buildFreshness(root = ROOT) {
  const stamp = stampOf(root);
  const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const installed = isInstalled(root);
  const latest = SOURCES.map((s) => newest(join(root, s))).filter(Boolean).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a), { path: root, mtimeMs: 0 });
  const current = existsSync(stamp) && (installed || latest.mtimeMs <= builtAt);
  return { builtAt, stamp, newest: { path: relative(root, latest.path) || '.', mtimeMs: latest.mtimeMs }, installed, current };
}

module.exports = { ROOT, SOURCES, COMPILED, buildFreshness, isInstalled, stampOf };
