#!/usr/bin/env node
// Builds dist/ when any source is newer than the last build, so `npm start` and the
// CLI scripts work on a fresh clone and stay quick afterwards. Build output goes to
// stderr: scripts such as `npm run --silent token` keep stdout for their answer.
// "Newer" is decided by build-freshness.js, which the tests of built code share; the build
// is scripts/build.js, the one `npm run build` runs, so both write the same stamp.
const { buildFreshness } = require('./build-freshness');
const { build } = require('./build');

const { current, installed } = buildFreshness();
if (!current && installed) {
  // An installed tree (the Docker image) has no sources and no build tools: building cannot work.
  process.stderr.write(
    'rag-ledger: dist/ has no build stamp (dist/.build-stamp) and this installation holds no sources to build from. ' +
      'The image must be built with `npm run build`, which writes the stamp: rebuild the image (docker compose build).\n',
  );
  process.exit(1);
}
if (!current) {
  process.stderr.write('rag-ledger: building (sources changed since the last build)...\n');
  build(process.stderr);
}
