/**
 * `npm run bench`: every figure next to the raw better-sqlite3 operation measured
 * in the same run on the same file system. Ends with one line `BENCH {json}`.
 */
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { benchAsOf } from './asof.bench';
import { benchEventStore, cleanScratch } from './event-store.bench';
import { benchEvidenceUpload } from './evidence-upload.bench';
import { benchHashChain } from './hash-chain.bench';
import { benchImport } from './import.bench';
import { printTable, type Figure } from './measure';
import { benchPack } from './pack.bench';
import { benchRegister } from './register.bench';

async function main(): Promise<void> {
  const dataDir = resolve(process.env.RAG_LEDGER_DATA_DIR ?? './data');
  const workDir = join(dataDir, `.bench-${process.pid}`);
  const machine = `${cpus().length} x ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`rag-ledger benchmark on ${machine}\nscratch files in ${workDir}`);

  const figures: Figure[] = await benchEventStore(workDir);
  printTable('Event store (ratio = rag-ledger / raw; higher is better)', figures);

  const chain = await benchHashChain();
  console.log(
    `\nHash chain alone on ${chain.eventBytes}-byte events: ${Math.round(chain.perSecond).toLocaleString('en-GB')} events/s ` +
      `(SHA-256 alone over the same text: ${Math.round(chain.sha256PerSecond).toLocaleString('en-GB')}/s)`,
  );

  const imported = await benchImport(workDir);
  const asOf = await benchAsOf(workDir);
  const register = await benchRegister(workDir);
  const pack = await benchPack(workDir);
  const evidence = await benchEvidenceUpload(workDir).finally(() => cleanScratch(workDir));
  console.log(
    `\nPlan board of 1,000 actions over 100,000 events: current ${asOf.currentMs.toFixed(2)} ms, ` +
      `as it stood half-way ${asOf.asOfMs.toFixed(2)} ms: asof_ratio ${asOf.ratio.toFixed(2)} (target <= 3)`,
  );
  console.log(
    `\nEvidence upload of a 20 MB file through POST /api/actions/:id/evidence: ${evidence.uploadMbPerS.toFixed(1)} MB/s, ` +
      `a stream copy of 20 MB on the same disk ${evidence.copyMbPerS.toFixed(1)} MB/s: evidence_upload_ratio ${evidence.ratio.toFixed(2)} (target >= 0.5)`,
  );
  console.log(
    `\nSchools register of 450 schools (${register.events.toLocaleString('en-GB')} events) as at a day: ${register.readMs.toFixed(2)} ms, ` +
      `reading and parsing the same events raw ${register.rawMs.toFixed(2)} ms: register_read_ratio ${register.ratio.toFixed(2)}`,
  );
  console.log(
    `\nMeeting pack of the demo history (${pack.events.toLocaleString('en-GB')} events, played in ${pack.playSeconds.toFixed(0)} s), the last Improvement Board meeting: ` +
      `JSON ${pack.jsonMs.toFixed(0)} ms, HTML ${pack.htmlMs.toFixed(0)} ms, reading and parsing the log to its stamp ${pack.rawMs.toFixed(1)} ms: pack_ms ${pack.jsonMs.toFixed(0)} (target <= 2000), pack_ratio ${pack.ratio.toFixed(1)}`,
  );
  console.log(`\nImport of the Norfolk file (301 actions, ${imported.events} events) into an empty store: ${imported.importMs.toFixed(0)} ms`);

  const bench: Record<string, number | string> = { machine };
  for (const f of figures) {
    bench[`${f.key}_ratio`] = round(f.ratio);
    bench[`${f.key}_per_s`] = Math.round(f.ours);
    bench[`raw_${f.key}_per_s`] = Math.round(f.raw);
  }
  bench.hash_chain_per_s = Math.round(chain.perSecond);
  bench.import_301_ms = Math.round(imported.importMs);
  bench.asof_ratio = round(asOf.ratio);
  bench.asof_board_ms = round(asOf.asOfMs);
  bench.current_board_ms = round(asOf.currentMs);
  bench.register_read_ratio = round(register.ratio);
  bench.register_read_ms = round(register.readMs);
  bench.pack_ms = Math.round(pack.jsonMs);
  bench.pack_html_ms = Math.round(pack.htmlMs);
  bench.pack_ratio = round(pack.ratio);
  bench.evidence_upload_mb_per_s = round(evidence.uploadMbPerS);
  bench.raw_file_copy_mb_per_s = round(evidence.copyMbPerS);
  bench.evidence_upload_ratio = round(evidence.ratio);
  console.log(`BENCH ${JSON.stringify(bench)}`);
}

const round = (n: number) => Math.round(n * 100) / 100;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
