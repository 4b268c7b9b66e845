/**
 * `npm run replay -- --plan <id> --until <date or date-time>` replays the log up to
 * that instant into a fresh in-memory board and prints the plan's board as it stood.
 * It reads the log itself, not the read models, so it is also a check on them.
 */
import { parseArgs } from 'node:util';
import { DAY_OR_INSTANT_FORMS, dayOf, readDayOrInstant, STATUS_LABELS, streamCategoryOf, ukDayEnd, type EventMetadata } from '@rag-ledger/domain';
import { openReadModelDatabase, RagBoardProjection, RagBoardQueries } from '@rag-ledger/projections';
import { loadConfig } from '../config/app-config';
import { openEventStore } from '../infrastructure/event-store.provider';

function fail(message: string): never {
  process.stderr.write(`replay: ${message}\nusage: npm run replay -- --plan <id> --until <YYYY-MM-DD or date-time>\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { plan: { type: 'string' }, until: { type: 'string' } } });
  if (!values.plan) fail('--plan is required');
  // The same reading as the API's asOf: a date is the end of that UK day.
  const read = readDayOrInstant(values.until);
  if (!read) fail(`--until must be ${DAY_OR_INSTANT_FORMS}; a month or a year alone is not accepted`);
  const end = 'day' in read ? ukDayEnd(read.day) : read.instant;
  const until = end.toISOString();
  const day = dayOf(end);

  const { store } = openEventStore(loadConfig());
  const db = openReadModelDatabase(':memory:');
  const projection = new RagBoardProjection();
  projection.setup(db);
  let replayed = 0;
  const apply = db.transaction((events: Parameters<RagBoardProjection['apply']>[0][]) => events.forEach((e) => projection.apply(e)));
  let batch: Parameters<RagBoardProjection['apply']>[0][] = [];
  for await (const event of store.readAll()) {
    const category = streamCategoryOf(event.streamId);
    if (category !== 'plan' && category !== 'action') continue;
    if ((event.metadata as EventMetadata).at > until) continue;
    batch.push(event);
    replayed++;
    if (batch.length >= 1000) {
      apply(batch);
      batch = [];
    }
  }
  apply(batch);
  await store.close();

  const board = new RagBoardQueries(db).planBoard(values.plan, { day });
  if (!board) fail(`plan "${values.plan}" did not exist on ${values.until}`);
  console.log(`${board.plan.title} (${board.plan.id}${board.plan.version ? `, ${board.plan.version}` : ''}) as at ${until}, replayed from ${replayed} events`);
  console.log(`W ${board.counts.W}  G ${board.counts.G}  A ${board.counts.A}  R ${board.counts.R}  B ${board.counts.B}  | overdue ${board.overdue}, withdrawn ${board.withdrawn}, exceptions ${board.exceptions}`);
  for (const ws of board.workstreams) {
    console.log(`\n${ws.id}  ${ws.title}`);
    for (const a of ws.actions) {
      const status = `${a.status === 'withdrawn' ? 'X' : a.status} ${STATUS_LABELS[a.status]}`.padEnd(40);
      console.log(`  ${(a.ref ?? a.id).padEnd(10)} ${status} ${a.overdue ? 'OVERDUE ' : '        '}${(a.targetDate ?? '').padEnd(10)} ${a.owners.join('/').padEnd(12)} ${a.title.slice(0, 70)}`);
    }
  }
}

main().catch((error) => {
  process.stderr.write(`replay failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
