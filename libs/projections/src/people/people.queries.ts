import type { Database, Statement } from 'better-sqlite3';
import type { OwnerPerson, PersonView, Right } from '@rag-ledger/contract';
import { foldInitials } from '@rag-ledger/domain';
import type { PointInTime } from '../rag-board/rag-board.queries';
import { asOfBounds, VersionedTable } from '../versioned-table';
import type { PersonRow } from './person-rows';

/** A person of the directory as it stood at the instant asked (the API adds the plans they own and own actions in). */
export type DirectoryEntry = Omit<PersonView, 'plans'> & {
  addedAt: string;
  lastChangedAt: string;
};

/** The version current at the instant: the latest in the log of those written up to it. */
const latestVersion = `v.rowid = ${VersionedTable.versionAsOf('people', 'id = p.id')}`;

/**
 * The directory by folded initials, for one read: an action's printed owners are matched
 * against it in memory, one map per request rather than a query per row.
 */
export class Directory {
  private readonly byInitials: ReadonlyMap<string, DirectoryEntry>;

  constructor(readonly people: readonly DirectoryEntry[]) {
    this.byInitials = new Map(people.map((p) => [foldInitials(p.initials), p]));
  }

  /** The person whose initials these are (Cyrillic look-alikes and spaces folded, case kept), if any. */
  personWithInitials(initials: string): DirectoryEntry | undefined {
    return this.byInitials.get(foldInitials(initials));
  }

  /** Each printed owner beside who they are; owners matching nobody keep only their initials. */
  ownerPeople(owners: readonly string[]): OwnerPerson[] {
    return owners.map((initials) => {
      const person = this.personWithInitials(initials);
      if (!person) return { initials };
      return { initials, personId: person.id, name: person.name, ...(person.jobTitle !== undefined ? { jobTitle: person.jobTitle } : {}) };
    });
  }
}

/** Reads of the directory read model, now or as it stood at an instant. */
export class PeopleQueries {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    this.s = {
      all: db.prepare('SELECT * FROM people ORDER BY seq'),
      allAsOf: db.prepare(`SELECT v.* FROM people p JOIN people_versions v ON v.id = p.id WHERE ${latestVersion} ORDER BY v.seq`),
      one: db.prepare('SELECT * FROM people WHERE id = @id'),
      oneAsOf: db.prepare(`SELECT v.* FROM people p JOIN people_versions v ON v.id = p.id WHERE p.id = @id AND ${latestVersion}`),
    };
  }

  /** Everybody in the directory at the instant (in the order they were added); nobody added after it. */
  people(when?: Pick<PointInTime, 'asOf' | 'upTo'>): DirectoryEntry[] {
    const rows = (when?.asOf ? this.s.allAsOf.all(asOfBounds(when)) : this.s.all.all()) as PersonRow[];
    return rows.map(toEntry);
  }

  person(id: string, when?: Pick<PointInTime, 'asOf' | 'upTo'>): DirectoryEntry | undefined {
    const row = (when?.asOf ? this.s.oneAsOf.get({ id, ...asOfBounds(when) }) : this.s.one.get({ id })) as PersonRow | undefined;
    return row && toEntry(row);
  }

  /** The person with these initials at the instant (folded as the import folds them). */
  personWithInitials(initials: string, when?: Pick<PointInTime, 'asOf' | 'upTo'>): DirectoryEntry | undefined {
    return this.directory(when).personWithInitials(initials);
  }

  /** The whole directory at the instant, looked up by initials. */
  directory(when?: Pick<PointInTime, 'asOf' | 'upTo'>): Directory {
    return new Directory(this.people(when));
  }
}

function toEntry(row: PersonRow): DirectoryEntry {
  return {
    id: row.id,
    name: row.name,
    initials: row.initials,
    ...(row.job_title !== null ? { jobTitle: row.job_title } : {}),
    ...(row.email !== null ? { email: row.email } : {}),
    active: row.active === 1,
    rights: JSON.parse(row.rights) as Right[],
    signIn: row.sign_in,
    addedAt: row.added_at,
    lastChangedAt: row.last_changed_at,
  };
}
