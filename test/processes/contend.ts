/**
 * A child process for the multi-process concurrency test: appends `count`
 * events to one stream, each at the revision it last read, retrying on conflict.
 *
 * Usage: node contend.js <file> <stream> <writer> <count>
 */
import { SqliteEventStore, WrongExpectedVersionError, BACKWARDS, NO_STREAM, readStreamOrEmpty } from '@rag-ledger/event-store';

async function main(): Promise<void> {
  const [filename, stream, writer, count] = process.argv.slice(2);
  const store = new SqliteEventStore({ filename });
  let conflicts = 0;
  for (let n = 0; n < Number(count); n++) {
    for (;;) {
      const [last] = await readStreamOrEmpty(store, stream, { direction: BACKWARDS, maxCount: 1 });
      try {
        await store.appendToStream(stream, { type: 'Contended', data: { writer, n } }, {
          expectedRevision: last ? last.revision : NO_STREAM,
        });
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        conflicts++;
      }
    }
  }
  await store.close();
  process.stdout.write(`${conflicts}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
