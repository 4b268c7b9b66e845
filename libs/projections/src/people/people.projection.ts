import type { Database } from 'better-sqlite3';
import type { EventMetadata } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import type { LoadMode, Projection } from '../projection';
import type { Change } from '../rag-board/board-rows';
import { isPersonEvent, personEventTypes, type TrackerEventType } from '../tracker-events';
import { VersionedTable } from '../versioned-table';
import { nextPersonRow, type PersonRow } from './person-rows';

export type { PersonRow, SignInState } from './person-rows';

export const PERSON_COLUMNS: Array<keyof PersonRow> = ['id', 'name', 'initials', 'job_title', 'email', 'active', 'rights', 'sign_in', 'added_at', 'last_changed_at', 'seq'];

const INDEXES = VersionedTable.historyIndex('people', ['id']);

/**
 * The directory of people: each person's details, whether they are active and the rights they
 * hold, now and as they stood at any instant (every version of every row, as the RAG board
 * keeps its own), so "who could change plan SIP on 1 December" is one as-of read.
 */
export class PeopleProjection implements Projection<TrackerEventType> {
  readonly name = 'people';
  readonly version = 1;
  readonly handles = personEventTypes;
  private people!: VersionedTable<PersonRow>;

  setup(db: Database, mode: LoadMode = 'live'): void {
    db.exec(VersionedTable.schema('people', `id TEXT NOT NULL, name TEXT NOT NULL, initials TEXT NOT NULL, job_title TEXT, email TEXT,
      active INTEGER NOT NULL, rights TEXT NOT NULL, sign_in TEXT NOT NULL, added_at TEXT NOT NULL, last_changed_at TEXT NOT NULL,
      seq INTEGER NOT NULL`, ['id']));
    if (mode === 'live') db.exec(INDEXES);
    this.people = new VersionedTable(db, 'people', PERSON_COLUMNS, ['id'], mode);
  }

  finishBulkLoad(db: Database): void {
    this.people.finishBulkLoad();
    db.exec(INDEXES);
  }

  teardown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS people; DROP TABLE IF EXISTS people_versions;');
  }

  apply(recorded: RecordedEvent): void {
    if (!isPersonEvent(recorded)) return;
    const change: Change = { at: (recorded.metadata as EventMetadata).at, revision: Number(recorded.revision), position: Number(recorded.position) };
    const current = this.people.current(recorded.data.personId);
    const row = nextPersonRow(current, recorded, change);
    if (row && row !== current) this.people.write(row, change, current);
  }
}
