/**
 * `npm run verify [-- --expect <position>:<hash>]`: walks the whole log once, recomputing its
 * chain: on the embedded store against the stored per-event chain (and that its positions run
 * without gaps), on every store against each seal (LogSealed) and what it covers; then checks
 * every stored evidence file against the SHA-256 its EvidenceAttached event recorded, and prints
 * { ok, checked, head, position, chain, seals, documents } or the first event that breaks the
 * chain or a seal and the first file missing or changed. With --expect, the stamp printed on an earlier pack, it also checks that the
 * log still holds that exact event at that position, so a log whose end was cut off fails,
 * naming the events missing.
 * Exits 0 when all holds, 1 when the chain is broken, the stamp does not hold or a file is
 * missing or changed, 2 on wrong arguments (with the usage) or when the log cannot be read.
 */
import { parseArgs } from 'node:util';
import { verifyRecord } from '@rag-ledger/documents';
import { formatStamp, parseStamp, STAMP_FORM, type LogStamp } from '@rag-ledger/event-store';
import { loadConfig } from '../config/app-config';
import { openDocumentStore } from '../infrastructure/document-store.provider';
import { openEventStore } from '../infrastructure/event-store.provider';

const USAGE = `usage: npm run verify [-- --expect ${STAMP_FORM}]  (the stamp a pack prints, e.g. 1042:9f2c... with the 64 hex digits of the hash)`;

function usage(message: string): never {
  process.stderr.write(`verify: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function readArguments(): { expect?: LogStamp } {
  let values: { expect?: string };
  try {
    ({ values } = parseArgs({ options: { expect: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  if (values.expect === undefined) return {};
  const expect = parseStamp(values.expect);
  if (!expect) usage(`--expect must be ${STAMP_FORM}, a position (1 or more), a colon and a hash of 64 hex digits; got "${values.expect}"`);
  return { expect };
}

async function main(): Promise<void> {
  const { expect } = readArguments();
  const config = loadConfig();
  const { store } = openEventStore(config);
  try {
    const result = await verifyRecord(store, openDocumentStore(config), {
      expect,
      onProgress: (checked) => process.stderr.write(`\rchecked ${checked.toLocaleString('en-GB')} events`),
      onDocumentProgress: (checked) => process.stderr.write(`\rchecked ${checked.toLocaleString('en-GB')} evidence files`),
    });
    process.stderr.write('\n');
    console.log(JSON.stringify(result, null, 2));
    if ('broken' in result) {
      process.stderr.write(`the chain is broken at ${result.broken.streamId} revision ${result.broken.revision} (log position ${result.broken.position}): ${result.broken.reason}\n`);
    } else if (result.stamp && !result.stamp.holds) {
      process.stderr.write(`the stamp ${formatStamp(result.stamp)} does not hold: ${result.stamp.reason}\n`);
    } else if (result.stamp) {
      process.stderr.write(`the stamp ${formatStamp(result.stamp)} holds: the log still has that event at that position\n`);
    }
    if (result.seals) {
      const { seals } = result;
      const chain = result.chain === 'checked' ? 'the per-event hash chain was checked' : 'this store keeps no per-event hash chain: the seals stand for it';
      const latest = seals.latest ? `, the latest up to log position ${seals.latest.position}` : '';
      const unsealed = seals.unsealedEvents > 0 ? `; ${seals.unsealedEvents.toLocaleString('en-GB')} event(s) after it are not sealed yet, so not yet evidence` : '';
      process.stderr.write(`${chain}; ${seals.checked.toLocaleString('en-GB')} seal(s) checked${latest}${unsealed}\n`);
    }
    const { documents } = result;
    if (documents.firstProblem) process.stderr.write(`${documents.firstProblem.reason}\n`);
    else process.stderr.write(`${documents.checked.toLocaleString('en-GB')} evidence file(s) checked: each still has the bytes its event recorded\n`);
    if (!result.ok) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  process.stderr.write(`verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
