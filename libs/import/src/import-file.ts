import type { Comparator, MeasureUnit, PlanKind, PlanningFramework, Polarity, Rag } from '@rag-ledger/domain';

/** A plan file read into one shape, whatever its format (Norfolk JSON, CSV). */
export interface ImportFile {
  plans: ImportedPlan[];
  warnings: ImportWarning[];
  /** Rows (CSV) or actions (JSON) read, for progress and the report. */
  rowsRead: number;
}

/** `lead`, `successCriteria`, `standards`, `assumptions`, `risks`: as the plan prints them (see PlanningFramework). */
export interface ImportedPlan extends PlanningFramework {
  id: string;
  kind: PlanKind;
  title: string;
  board?: string;
  version?: string;
  periodStart?: string;
  periodEnd?: string;
  workstreams: ImportedWorkstream[];
  measures: ImportedMeasure[];
  /** The plan's milestones and its work-streams' (each names its work-stream, if any), in the plan's order. */
  milestones: ImportedMilestone[];
}

/**
 * A milestone as a plan prints it. `id`: given in the file, or `<work-stream or plan id>.M<n>`
 * by its place in that list (so a re-import finds the same milestone).
 */
export interface ImportedMilestone {
  id: string;
  workstreamId?: string;
  /** YYYY-MM-DD: the file's `dateIso`, or the printed date read as an action's is. */
  date: string;
  dateText?: string;
  text: string;
  refs: string[];
  group?: string;
  /** For messages: "plan EDU, work-stream EDU.P2, milestone 3". */
  source: string;
}

/**
 * A step of an action as a plan prints it. `id`: given, or `<action id>.p<n>` by its place
 * under the action. `done`: its printed status says it is complete.
 */
export interface ImportedStep {
  id: string;
  text: string;
  owners: string[];
  enablingTeams: string[];
  targetDate?: string;
  targetDateText?: string;
  statusNote?: string;
  done: boolean;
  source: string;
}

/** An outcome measure with its figures, as a plan prints them (targets and comparators by year). */
export interface ImportedMeasure {
  id: string;
  name: string;
  unit: MeasureUnit;
  polarity: Polarity;
  workstreamId?: string;
  baseline?: { period: string; value: number };
  amberTolerance: number;
  targets: Record<string, number>;
  values: Array<{ period: string; value: number; provisional: boolean; source?: string }>;
  comparators: Array<{ period: string; comparator: Comparator; value: number }>;
  source: string;
}

export interface ImportedWorkstream extends PlanningFramework {
  id: string;
  title: string;
  accountable?: string;
  responsible?: string;
  projectManager?: string;
  outcome?: string;
  actions: ImportedAction[];
}

export interface ImportedAction {
  id: string;
  ref?: string;
  title: string;
  owners: string[];
  enablingTeams: string[];
  /** YYYY-MM-DD when the printed date could be read. */
  targetDate?: string;
  /** The date exactly as printed. */
  targetDateText?: string;
  measures?: string;
  links: string[];
  /** W, G, A, R or B when the file gives one. */
  rag?: Rag | 'W' | 'B';
  /** Its steps, in the plan's order. */
  steps: ImportedStep[];
  /** The progress notes the plan prints on it ("Cohort 1 started 7/10"), word for word. */
  statusNotes: string[];
  /** Where it came from, for messages: "line 12" or "action SIP.PS.1.1.1". */
  source: string;
}

export interface ImportWarning {
  /** The row or action the warning is about. */
  where: string;
  message: string;
}

/** The problems a refusal lists: enough to fix a file, never a list as long as a bad file. */
export const MAX_PROBLEMS_LISTED = 100;
/** The warnings a report lists; the rest are counted. */
export const MAX_WARNINGS_LISTED = 1_000;
/** Rows (CSV) or actions (JSON) one import may hold: a council's plans are a few hundred. */
export const MAX_IMPORT_ROWS = 20_000;

/**
 * A file that cannot be imported: nothing is written. Each problem names its line or action;
 * at most MAX_PROBLEMS_LISTED are listed, and `moreProblems` says how many more there were.
 */
export class ImportFileError extends Error {
  override readonly name: string = 'ImportFileError';
  readonly problems: string[];
  readonly moreProblems: number;
  constructor(problems: string[], notListed = 0) {
    const listed = problems.slice(0, MAX_PROBLEMS_LISTED);
    const more = notListed + problems.length - listed.length;
    super(
      `The file cannot be imported: ${listed.slice(0, 5).join('; ')}` +
        `${listed.length + more > 5 ? ` (and ${listed.length + more - 5} more problem${listed.length + more - 5 === 1 ? '' : 's'})` : ''}`,
    );
    this.problems = listed;
    this.moreProblems = more;
  }
}

/** A file over MAX_IMPORT_ROWS: refused before it is checked further, nothing written. */
export class ImportTooLargeError extends ImportFileError {
  override readonly name = 'ImportTooLargeError';
  constructor(what: 'rows' | 'actions') {
    super([`the file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} ${what}; one import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} (split the file, for example plan by plan)`]);
  }
}
