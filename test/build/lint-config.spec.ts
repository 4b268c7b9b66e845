import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const ESLINT = join(ROOT, 'node_modules/eslint/bin/eslint.js');

interface LintResult {
  messages: Array<{ ruleId: string | null }>;
  output?: string;
}

/** Lints a source as if it were a file of the API, as `npm run lint` does (ESLint loads its config as an ES module, so in a child process). */
function lint(source: string, fix: boolean): LintResult {
  const args = [ESLINT, '--format', 'json', '--stdin', '--stdin-filename', 'apps/api/src/example.ts', ...(fix ? ['--fix-dry-run'] : [])];
  let out: string;
  try {
    out = execFileSync(process.execPath, args, { cwd: ROOT, input: source, encoding: 'utf8' });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit 1: problems found
  }
  return (JSON.parse(out) as LintResult[])[0];
}

/** The linter's import rules, and that --fix (run after merges) settles them without a person. */
describe('the lint configuration', () => {
  const source = [
    "import { b } from './b';",
    "import { Injectable } from '@nestjs/common';",
    "import { STATUS_LABELS } from '@rag-ledger/contract';",
    "import { readFileSync } from 'node:fs';",
    "import type { Role } from '@rag-ledger/contract';",
    'export const used = [b, Injectable, STATUS_LABELS, readFileSync] as unknown as Role[];',
    '',
  ].join('\n');

  it('finds imports out of order and a module imported twice', () => {
    const rules = lint(source, false).messages.map((m) => m.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['import-x/order', 'import-x/no-duplicates']));
  });

  it('fixes both: built-ins, packages, @rag-ledger libraries, then relative paths, one import a module', () => {
    const result = lint(source, true);
    expect(result.messages).toEqual([]);
    expect(result.output?.split('\n').filter((line) => line.startsWith('import'))).toEqual([
      "import { readFileSync } from 'node:fs';",
      "import { Injectable } from '@nestjs/common';",
      "import { STATUS_LABELS, type Role } from '@rag-ledger/contract';",
      "import { b } from './b';",
    ]);
  });
});
