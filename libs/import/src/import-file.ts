import type { Comparator, MeasureUnit, PlanKind, Polarity, Rag } from '@rag-ledger/domain';

/** A plan file read into one shape, whatever its format (Norfolk JSON, CSV). */
export interface ImportFile {
  plans: ImportedPlan[];
  warnings: ImportWarning[];
  /** Rows (CSV) or actions (JSON) read, for progress and the report. */
  rowsRead: number;
}

export interface ImportedPlan {
  id: string;
  kind: PlanKind;
  title: string;
  board?: string;
  version?: string;
  periodStart?: string;
  periodEnd?: string;
  workstreams: ImportedWorkstream[];
  measures: ImportedMeasure[];
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

export interface ImportedWorkstream {
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
  /** Where it came from, for messages: "line 12" or "action SIP.PS.1.1.1". */
  source: string;
}

export interface ImportWarning {
  /** The row or action the warning is about. */
  where: string;
  message: string;
}

/** A file that cannot be imported: nothing is written. Each problem names its line or action. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(readonly problems: string[]) {
    super(`The file cannot be imported: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
  }
}
