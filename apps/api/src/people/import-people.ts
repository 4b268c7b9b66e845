import { DIRECTORY_ID, peopleDecider, type ImportPeople, type PeopleState } from '@rag-ledger/domain';
import type { ImportedPerson } from '@rag-ledger/import';
import type { WriteContext, WritePath } from '@rag-ledger/write-path';

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
  // A keyed repeat is answered from the log without deciding: it wrote nothing this time.
  const events = decidedOn ? peopleDecider.decide(command, decidedOn) : [];
  const added = events.filter((e) => e.type === 'PersonAdded').length;
  const revised = events.filter((e) => e.type === 'PersonDetailsRevised').length;
  return { added, revised, unchanged: people.length - added - revised, position: result.position };
}
