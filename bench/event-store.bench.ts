import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { actionStream } from '@rag-ledger/domain';
import { SqliteEventStore, EVENT_LOG_MIGRATIONS, migrate } from '@rag-ledger/event-store';
import { compareRates, type Figure } from './measure';

/** A ~300-byte event, like a RAG change with its metadata. */
export function sampleEvent(n: number) {
  return {
    type: 'ActionRagChanged',
    data: { actionId: `SIP.PS.1.${n % 500}`, from: 'G', to: 'A', reason: 'Recruitment of qualified social workers is behind plan' },
    metadata: {
      actor: { id: 'u-17', name: 'Andrea Brown', role: 'owner' },
      at: '2026-11-23T10:00:00.000Z',
      correlationId: '7d0c3d4e-4c0f-4a7e-9d57-2b8c2d3f1a10',
      causationId: '7d0c3d4e-4c0f-4a7e-9d57-2b8c2d3f1a10',
    },
  };
}

function openRaw(filename: string, synchronous: 'FULL' | 'NORMAL') {
  const db = new BetterSqlite3(filename);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  // The same table and indexes as the store, so the ratio measures the store's own work.
  migrate(db, EVENT_LOG_MIGRATIONS);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  let revision = 0;
  const insertOne = (n: number) => {
    const e = sampleEvent(n);
    insert.run(actionStream(`raw-${n % 500}`), revision++, randomUUID(), e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), Date.now());
  };
  return { db, insertOne };
}

/** Removes the scratch databases of a run. */
export function cleanScratch(workDir: string): void {
  rmSync(workDir, { recursive: true, force: true });
}

export async function benchEventStore(workDir: string): Promise<Figure[]> {
  mkdirSync(workDir, { recursive: true });
  const figures: Figure[] = [];
  const file = (name: string) => join(workDir, `${name}-${randomUUID().slice(0, 8)}.db`);
  const streamFor = (n: number) => actionStream(String(n % 500));
  try {
    // Sequential single-event durable appends vs one INSERT per transaction, both synchronous=FULL.
    const seqCount = 1500;
    const seqStore = new SqliteEventStore({ filename: file('seq') });
    const rawSeq = openRaw(file('raw-seq'), 'FULL');
    const oneInsert = rawSeq.db.transaction((n: number) => rawSeq.insertOne(n));
    let seqN = 0;
    let rawSeqN = 0;
    const seq = await compareRates(
      3,
      seqCount,
      async () => {
        for (let i = 0; i < seqCount; i++, seqN++) await seqStore.appendToStream(streamFor(seqN), sampleEvent(seqN));
      },
      () => {
        for (let i = 0; i < seqCount; i++, rawSeqN++) oneInsert.immediate(rawSeqN);
      },
    );
    figures.push({ key: 'append_seq', label: 'append 1 event (durable, FULL)', ...seq, ratio: seq.ours / seq.raw, target: 0.8, unit: 'events/s' });

    // Appends of 100 events vs 100 INSERTs in one transaction.
    const batches = 100;
    const batchStore = new SqliteEventStore({ filename: file('batch') });
    const rawBatch = openRaw(file('raw-batch'), 'FULL');
    const hundredInserts = rawBatch.db.transaction((base: number) => {
      for (let i = 0; i < 100; i++) rawBatch.insertOne(base + i);
    });
    let batchN = 0;
    const batch = await compareRates(
      3,
      batches * 100,
      async () => {
        for (let b = 0; b < batches; b++, batchN++) {
          await batchStore.appendToStream(streamFor(batchN), Array.from({ length: 100 }, (_, i) => sampleEvent(i)));
        }
      },
      () => {
        for (let b = 0; b < batches; b++) hundredInserts.immediate(b * 100);
      },
    );
    figures.push({ key: 'append_batch', label: 'append 100 events at once', ...batch, ratio: batch.ours / batch.raw, target: 0.85, unit: 'events/s' });
    await seqStore.close();
    await batchStore.close();
    rawSeq.db.close();
    rawBatch.db.close();

    // Reading 100,000 events: readAll and a catch-up subscription vs SELECT + JSON.parse.
    const total = 100_000;
    const readStore = new SqliteEventStore({ filename: file('read'), synchronous: 'NORMAL' });
    for (let b = 0; b < total / 1000; b++) {
      await readStore.appendToStream(streamFor(b), Array.from({ length: 1000 }, (_, i) => sampleEvent(b * 1000 + i)));
    }
    const rawRead = () => {
      let count = 0;
      for (const row of readStore.db.prepare('SELECT * FROM events ORDER BY position').iterate() as Iterable<{ data: string; metadata: string }>) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
        count++;
      }
      if (count !== total) throw new Error(`raw read saw ${count} events`);
    };
    const read = await compareRates(
      3,
      total,
      async () => {
        let count = 0;
        for await (const _ of readStore.readAll()) count++;
        if (count !== total) throw new Error(`readAll saw ${count} events`);
      },
      rawRead,
    );
    figures.push({ key: 'read_all', label: 'readAll over 100,000 events', ...read, ratio: read.ours / read.raw, target: 0.7, unit: 'events/s' });

    const catchup = await compareRates(
      3,
      total,
      async () => {
        const sub = readStore.subscribeToAll();
        let count = 0;
        for await (const _ of sub) {
          if (++count === total) break;
        }
        if (!sub.isCaughtUp && count !== total) throw new Error(`catch-up saw ${count} events`);
      },
      rawRead,
    );
    figures.push({ key: 'catchup', label: 'subscription catch-up, 100,000 events', ...catchup, ratio: catchup.ours / catchup.raw, target: 0.5, unit: 'events/s' });
    await readStore.close();
  } catch (error) {
    cleanScratch(workDir);
    throw error;
  }
  return figures;
}
