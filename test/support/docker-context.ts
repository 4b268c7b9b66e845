import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// minimatch 3 (a dev dependency at the version @nestjs/cli and eslint already bring) ships no types; `dot` because Go's
// filepath.Match, which Docker uses, lets `*` match a name that starts with a dot.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const minimatch = require('minimatch') as (path: string, pattern: string, options: { dot: boolean }) => boolean;

interface Rule {
  pattern: string;
  /** A `!` line: lets back in what an earlier line left out. */
  readmit: boolean;
}

function rulesOf(dockerignore: string): Rule[] {
  return dockerignore
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const readmit = line.startsWith('!');
      const pattern = (readmit ? line.slice(1) : line).trim().replace(/^\/+/, '').replace(/\/+$/, '');
      return { pattern, readmit };
    });
}

/**
 * Whether Docker leaves `path` (relative, with `/`) out of the build context, by the rules of
 * moby's patternmatcher: a line matches a path when it matches the path or one of its parent
 * directories, and the last line that matches decides.
 */
function leftOut(rules: Rule[], path: string): boolean {
  const parts = path.split('/');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let out = false;
  for (const rule of rules) {
    if (candidates.some((candidate) => minimatch(candidate, rule.pattern, { dot: true }))) out = !rule.readmit;
  }
  return out;
}

/**
 * The files `docker build` sends from `root`: those git knows (tracked, or new and not ignored,
 * so a file not committed yet is there as it would be in a build from the working tree), less
 * what `.dockerignore` leaves out.
 */
export function buildContextFiles(root: string): string[] {
  const rules = rulesOf(readFileSync(join(root, '.dockerignore'), 'utf8'));
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...new Set(listed.split('\0').filter(Boolean))]
    .filter((path) => existsSync(join(root, path)) && statSync(join(root, path)).isFile())
    .filter((path) => !leftOut(rules, path));
}
