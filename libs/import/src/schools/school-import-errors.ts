import { RuleViolationError } from '@rag-ledger/domain';

/** The problems a refusal lists: enough to fix a file, never a list as long as a bad file. */
const LISTED = 100;

/**
 * A schools list (or a categorisations file) that cannot be imported: nothing is written (422).
 * Each problem names its row as a spreadsheet shows it; the API answers them as `problems`.
 */
export class SchoolListRefusedError extends RuleViolationError {
  readonly problems: string[];
  constructor(problems: string[], what = 'The schools list') {
    const more = problems.length - LISTED;
    super(`${what} cannot be imported, and nothing was written: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`);
    this.problems = more > 0 ? [...problems.slice(0, LISTED), `and ${more} more problem${more === 1 ? '' : 's'}`] : problems;
  }
}
