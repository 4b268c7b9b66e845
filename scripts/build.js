#!/usr/bin/env node
// `npm run build`: the API, then the web board into dist/web, then dist/.build-stamp. The one
// build: ensure-built.js calls it too, so a build by either writes the stamp that
// build-freshness.js reads, and the Docker image (whose build stage runs `npm run build`)
// holds a stamp, so its CLIs never try to rebuild without the dev dependencies.
const { execFileSync } = require('node:child_process');
const { utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, stampOf } = require('./build-freshness');

/**
 * Builds the checkout, its tools' output going to `output` (stderr for ensure-built.js: `npm
 * run --silent token` keeps stdout for its answer).
 */
function build(output = 'inherit') {
  // The stamp carries the time the build started: a source saved while it ran counts as newer.
  const started = new Date();
  const steps = [
    [require.resolve('@nestjs/cli/bin/nest.js', { paths: [ROOT] }), 'build'],
    [require.resolve('typescript/bin/tsc', { paths: [ROOT] }), '-p', 'apps/web/tsconfig.json'],
    [join(__dirname, 'copy-web-assets.js')],
  ];
  for (const args of steps) execFileSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', output, output] });
  const stamp = stampOf(ROOT);
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
}

module.exports = { build };

if (require.main === module) build();
