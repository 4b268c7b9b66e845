#!/usr/bin/env node
// Builds dist/ when any source is newer than the last build, so `npm start` and the
// CLI scripts work on a fresh clone and stay quick afterwards. Build output goes to
// stderr: scripts such as `npm run --silent token` keep stdout for their answer.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');
const sources = ['apps', 'libs', 'bench', 'test/processes', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const latest = Math.max(...sources.map((s) => newest(join(root, s))));
if (latest > built) {
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
