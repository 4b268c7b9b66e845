/**
 * `npm run import -- <file.json|file.csv> [--withdraw-missing] [--user <id>] [--name "<name>"] [--idempotency-key <key>]`
 * imports plans into the store of RAG_LEDGER_DATA_DIR (or EventStoreDB), showing progress,
 * and ends with the report. Safe while the server runs: the store takes concurrent writers.
 * It writes through the same write path as POST /api/import (the same metadata, the same
 * atomicity, the same idempotency), without the server.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportFileError, readPlansCsv, readPlansJson, type ImportFile, type ReadOptions } from '@rag-ledger/import';
import { WritePath } from '@rag-ledger/write-path';
import { systemClock } from '../common/clock';
import { loadConfig } from '../config/app-config';
import { importPlans, type ImportResult } from '../import/run-import';
import { openEventStore } from '../infrastructure/event-store.provider';

export function readPlanFile(path: string, options: ReadOptions = {}): ImportFile {
  const content = readFileSync(path, 'utf8');
  return extname(path).toLowerCase() === '.csv' ? readPlansCsv(content) : readPlansJson(content, options);
}

export function printReport(report: ImportResult): void {
  const line = (what: string, c: { created: number; changed: number; unchanged: number }) =>
    `${what.padEnd(13)} ${c.created} created, ${c.changed} changed, ${c.unchanged} unchanged`;
  console.log(`rows read     ${report.rowsRead}`);
  console.log(line('plans', report.plans));
  console.log(line('work-streams', report.workstreams));
  console.log(line('actions', report.actions));
  console.log(line('measures', report.measures));
  console.log(`${line('steps', report.steps)}, ${report.steps.completed} completed`);
  console.log(`${'notes'.padEnd(13)} ${report.notes.added} added, ${report.notes.unchanged} already there`);
  console.log(line('milestones', report.milestones));
  if (report.actions.missing.length > 0) console.log(`not in the file: ${report.actions.missing.join(', ')}${report.actions.withdrawn.length ? ` (withdrawn: ${report.actions.withdrawn.length})` : ' (use --withdraw-missing to withdraw them)'}`);
  console.log(`events written ${report.events}${report.position !== null ? `, up to log position ${report.position}` : ''}`);
  if (report.plansWritten.length > 0) console.log(`plans written ${report.plansWritten.join(', ')}`);
  if (report.warnings.length > 0) {
    console.log(`\n${report.warnings.length + report.moreWarnings} warning(s):`);
    for (const w of report.warnings) console.log(`  ${w.where}: ${w.message}`);
    if (report.moreWarnings > 0) console.log(`  and ${report.moreWarnings} more`);
  }
}

export async function importFile(
  path: string,
  options: { withdrawMissing?: boolean; user?: string; name?: string; idempotencyKey?: string; read?: ReadOptions } = {},
): Promise<ImportResult> {
  const config = loadConfig();
  const file = readPlanFile(path, options.read);
  process.stderr.write(`read ${file.rowsRead} rows from ${path}\n`);
  const { store } = openEventStore(config);
  try {
    return await importPlans(
      new WritePath(store, systemClock),
      file,
      { withdrawMissing: options.withdrawMissing },
      {
        actor: { id: options.user ?? 'import-cli', name: options.name ?? 'Command-line import', role: 'admin' },
        correlationId: randomUUID(),
        idempotencyKey: options.idempotencyKey,
      },
      (p) => {
        if (p.streamsWritten % 25 === 0 || p.streamsWritten === p.streamsToWrite) {
          process.stderr.write(`\rrows read ${p.rowsRead}, actions written ${p.actionsWritten}, streams ${p.streamsWritten}/${p.streamsToWrite}   `);
        }
      },
    );
  } finally {
    process.stderr.write('\n');
    await store.close();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'withdraw-missing': { type: 'boolean' }, user: { type: 'string' }, name: { type: 'string' }, 'idempotency-key': { type: 'string' } },
  });
  const key = values['idempotency-key'];
  if (positionals.length !== 1 || (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key))) {
    process.stderr.write('usage: npm run import -- <file.json|file.csv> [--withdraw-missing] [--user <id>] [--name "<name>"] [--idempotency-key <1-200 visible ASCII characters>]\n');
    process.exit(2);
  }
  printReport(await importFile(positionals[0], { withdrawMissing: values['withdraw-missing'], user: values.user, name: values.name, idempotencyKey: key }));
}

if (require.main === module) {
  main().catch((error) => {
    if (error instanceof ImportFileError) {
      process.stderr.write(
        `import refused, nothing was written:\n${error.problems.map((p) => `  ${p}`).join('\n')}\n${error.moreProblems > 0 ? `  and ${error.moreProblems} more problems\n` : ''}`,
      );
    } else {
      process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exit(1);
  });
}
