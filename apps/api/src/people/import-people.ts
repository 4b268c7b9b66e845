import { DIRECTORY_ID, peopleDecider, type ImportPeople, type PeopleState } from '@rag-ledger/domain';
import { readStreamOrEmpty } from '@rag-ledger/event-store';
import type { ImportedPerson } from '@rag-ledger/import';
import { keyedEventId, type WriteContext, type WritePath } from '@rag-ledger/write-path';

/** What an import of people did: people added, people whose details it revised, rows that said what was there. */
export interface PeopleImportResult {
  added: number;
  revised: number;
  unchanged: number;
  /** The log position of its last event (use it as minPosition); -1 when it wrote nothing to an empty directory. */
  position: number;
}

/** Where a list of people came from, recorded as the reason of every change it makes. */
export type PeopleListSource = 'CSV' | 'glossary';

/**
 * One ImportPeople command through the write path, for POST /api/people/import and `npm run demo`
 * alike: the whole list is written, or none of it (one append to the directory's stream); a
 * refusal names every wrong row by its line.
 */
export async function importPeople(writePath: WritePath, people: readonly ImportedPerson[], source: PeopleListSource, context: WriteContext): Promise<PeopleImportResult> {
  const command: ImportPeople = { type: 'ImportPeople', data: { people: [...people], reason: `imported from a ${source} of people` } };
  // The state the decision is taken on (the write path decides again after a lost race), to count what it did.
  let decidedOn: PeopleState | undefined;
  const result = await writePath.handle(peopleDecider, DIRECTORY_ID, command, context, {
    authorize: (state) => {
      decidedOn = state;
    },
  });
  // A keyed repeat is answered from the log without deciding: its answer counts what the first wrote.
  const events = decidedOn ? peopleDecider.decide(command, decidedOn) : await eventsOfKey(writePath, context);
  const added = events.filter((e) => e.type === 'PersonAdded').length;
  const revised = events.filter((e) => e.type === 'PersonDetailsRevised').length;
  return { added, revised, unchanged: people.length - added - revised, position: result.position };
}

/** The events an earlier import wrote under this Idempotency-Key: their ids are derived from the key, one by one. */
async function eventsOfKey(writePath: WritePath, context: WriteContext): Promise<Array<{ type: string }>> {
  const key = context.idempotencyKey;
  if (key === undefined) return [];
  const byId = new Map((await readStreamOrEmpty(writePath.store, peopleDecider.streamOf(DIRECTORY_ID))).map((e) => [e.id, e]));
  const events: Array<{ type: string }> = [];
  for (let i = 0; byId.has(keyedEventId(context.actor.id, key, i)); i++) events.push(byId.get(keyedEventId(context.actor.id, key, i))!);
  return events;
}
