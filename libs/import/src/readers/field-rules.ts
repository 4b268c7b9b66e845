import { PLAN_KINDS, type PlanKind } from '@rag-ledger/domain';
import { ImportFileError, MAX_PROBLEMS_LISTED, type ImportedAction } from '../import-file';

/** The same id rule as the API, so imported ids work in URLs and stream names. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$/;

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

export function planKind(value: unknown): PlanKind | undefined {
  const kind = text(value)?.toLowerCase();
  return kind && (PLAN_KINDS as readonly string[]).includes(kind) ? (kind as PlanKind) : undefined;
}

const RAG_WORDS: Record<string, NonNullable<ImportedAction['rag']>> = {
  w: 'W', white: 'W', 'not started': 'W',
  g: 'G', green: 'G',
  a: 'A', amber: 'A',
  r: 'R', red: 'R',
  b: 'B', blue: 'B', completed: 'B', complete: 'B',
};

/** A RAG cell as councils type it ("G", "Green", "blue"); undefined when blank. */
export function readRag(value: unknown): { rag?: ImportedAction['rag']; unreadable?: string } {
  const cell = text(value);
  if (!cell || cell === '-') return {};
  const rag = RAG_WORDS[cell.toLowerCase()];
  return rag ? { rag } : { unreadable: cell };
}

/** Collects problems; the file is refused if there is any. Keeps the first ones listed, counts the rest. */
export class Problems {
  readonly list: string[] = [];
  notListed = 0;
  add(where: string, message: string): void {
    if (this.list.length < MAX_PROBLEMS_LISTED) this.list.push(`${where}: ${message}`);
    else this.notListed++;
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  /** Throws ImportFileError when there is any problem. */
  refuseIfAny(): void {
    if (this.any) throw new ImportFileError(this.list, this.notListed);
  }
}

/** Checks that ids are well formed and not repeated in the file. */
export class IdRegistry {
  private readonly seen = new Map<string, string>();
  constructor(
    private readonly what: string,
    private readonly problems: Problems,
  ) {}

  claim(id: string | undefined, where: string): string | undefined {
    if (!id) {
      this.problems.add(where, `the ${this.what} has no id`);
      return undefined;
    }
    if (!ID_PATTERN.test(id)) {
      this.problems.add(where, `${this.what} id "${id}" must be 1-100 letters, digits, dots, dashes, underscores or tildes`);
      return undefined;
    }
    const first = this.seen.get(id);
    if (first) {
      this.problems.add(where, `${this.what} id "${id}" is used twice in the file (first at ${first})`);
      return undefined;
    }
    this.seen.set(id, where);
    return id;
  }
}

/**
 * A step's printed status that says it is done: "complete" or "completed" and nothing more
 * (any case, a full stop allowed). "due for completion end of October", "awaiting proposals"
 * and "meetings set up" say what is still to happen, so they are not.
 */
export const saysComplete = (note: string | undefined): boolean => note !== undefined && /^\s*completed?\s*[.!]?\s*$/i.test(note);

/** A list of texts as printed (each trimmed, blanks dropped); a single text is a list of one. Absent, null or empty: undefined. */
export function textList(value: unknown): string[] | undefined {
  const items = (Array.isArray(value) ? value : [value]).map(text).filter((s): s is string => s !== undefined);
  return items.length > 0 ? items : undefined;
}
