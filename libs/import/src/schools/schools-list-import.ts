import { DomainError, foldEvents, schoolDecider, type SchoolCommand, type SchoolEvent, type SchoolState } from '@rag-ledger/domain';
import { SchoolListRefusedError } from './school-import-errors';
import type { SchoolsList, SkippedEstablishment } from './schools-list';

/** What the import reads of a school before deciding: its events as recorded, and the stream's revision. */
export interface CurrentSchool {
  events: SchoolEvent[];
  /** Undefined: the stream does not exist yet. */
  revision?: bigint;
}

/** One school stream's part of the import's one append. */
export interface SchoolAppend {
  urn: string;
  expectedRevision?: bigint;
  events: SchoolEvent[];
}

export interface SchoolsListReport {
  registered: number;
  revised: number;
  closed: number;
  unchanged: number;
  skipped: SkippedEstablishment[];
}

/** The reason a refresh records, as the register shows it. */
export const LIST_REFRESHED = 'National schools list refreshed';
export const LIST_CLOSED = 'Closed, as the national schools list says';

/**
 * Decides what a refresh of the national list writes, through the school decider's rules (the
 * same commands an officer's form sends): a new URN is registered (and closed, if the list says
 * so); a registered one gets one SchoolDetailsRevised with only what changed, and a SchoolClosed
 * when the list first says it closed; nothing else changes (a second import of the same file
 * writes nothing). A rule broken on any row refuses the whole file, rows named.
 */
export function planSchoolsListImport(list: SchoolsList, current: ReadonlyMap<string, CurrentSchool>): { appends: SchoolAppend[]; report: SchoolsListReport } {
  const appends: SchoolAppend[] = [];
  const report: SchoolsListReport = { registered: 0, revised: 0, closed: 0, unchanged: 0, skipped: list.skipped };
  const problems: string[] = [];
  for (const row of list.schools) {
    const known = current.get(row.urn);
    let state: SchoolState = foldEvents(schoolDecider, known?.events ?? []);
    const events: SchoolEvent[] = [];
    const decide = (command: SchoolCommand) => {
      const decided = schoolDecider.decide(command, state);
      state = decided.reduce(schoolDecider.evolve, state);
      events.push(...decided);
      return decided.length > 0;
    };
    try {
      if (!state.exists) {
        decide({ type: 'RegisterSchool', data: { urn: row.urn, ...row.details } });
        report.registered++;
      } else if (decide({ type: 'ReviseSchoolDetails', data: { urn: row.urn, changes: row.details, reason: LIST_REFRESHED } })) {
        report.revised++;
      }
      if (row.closedOn !== undefined && state.exists && state.closedOn === undefined) {
        decide({ type: 'CloseSchool', data: { urn: row.urn, closedOn: row.closedOn, reason: LIST_CLOSED } });
        report.closed++;
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(`row ${row.row} (URN ${row.urn}): ${error.message}`);
      continue;
    }
    if (events.length === 0) report.unchanged++;
    else appends.push({ urn: row.urn, expectedRevision: known?.revision, events });
  }
  if (problems.length > 0) throw new SchoolListRefusedError(problems);
  return { appends, report };
}
