#!/usr/bin/env node
// Builds dist/ when any source is newer than the last build, so `npm start` and the
// CLI scripts work on a fresh clone and stay quick afterwards. Build output goes to
// stderr: scripts such as `npm run --silent token` keep stdout for their answer.
// "Newer" is decided by build-freshness.js, which the tests of built code share.
const { execFileSync } = require('node:child_process');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT: root, buildFreshness } = require('./build-freshness');

const { current, stamp } = buildFreshness(root);
if (!current) {
  process.stderr.write('rag-ledger: building (sources changed since the last build)...\n');
  // The same steps as `npm run build`: the API, then the web board into dist/web.
  const steps = [
    [require.resolve('@nestjs/cli/bin/nest.js'), 'build'],
    [require.resolve('typescript/bin/tsc'), '-p', 'apps/web/tsconfig.json'],
    [join(__dirname, 'copy-web-assets.js')],
  ];
  for (const args of steps) execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  writeFileSync(stamp, new Date().toISOString());
}
