/**
 * The schools register in words, for the web board's register, school page and categorisation
 * table: the filters as query parameters, a visit's due state, the officer's RAG, the table as
 * the strategy prints it. Imports only the contract: unit-tested under Node too.
 */
import {
  type CategorisationTable,
  type CategorySchemeView,
  isOneOf,
  OFSTED_CATEGORY_LABELS,
  OFSTED_GRADE_LABELS,
  SCHOOL_PHASE_LABELS,
  SCHOOL_PHASES,
  type SchoolPhase,
  type SchoolRow,
  streamCategoryOf,
  type VisitDue,
  type VisitRag,
} from './contract.js';

/** The register's filters, as GET /api/schools takes them (and the page's hash keeps them). */
export interface RegisterFilter {
  asOf: string;
  phase: string;
  district: string;
  scheme: string;
  category: string;
  stage: string;
  officer: string;
  /** 'due' (due or overdue) or 'overdue'. */
  visit: string;
  /** 'overdue': the improvement plan is overdue. */
  plan: string;
}

const FILTER_KEYS = ['asOf', 'phase', 'district', 'scheme', 'category', 'stage', 'officer', 'visit', 'plan'] as const;

/** The filter from the page's hash: unknown values for the closed lists are dropped (the server would refuse them). */
export function registerFilterFromParams(params: Record<string, string>): RegisterFilter {
  const pick = (key: (typeof FILTER_KEYS)[number]) => (params[key] ?? '').trim();
  return {
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(pick('asOf')) ? pick('asOf') : '',
    phase: isOneOf(SCHOOL_PHASES, pick('phase')) ? pick('phase') : '',
    district: pick('district'),
    scheme: pick('scheme'),
    category: pick('category'),
    stage: pick('stage'),
    officer: pick('officer'),
    visit: pick('visit') === 'due' || pick('visit') === 'overdue' ? pick('visit') : '',
    plan: pick('plan') === 'overdue' ? 'overdue' : '',
  };
}

/** The filter as query parameters: only those set. */
export function registerFilterToParams(filter: RegisterFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) if (filter[key]) out[key] = filter[key];
  return out;
}

export const isRegisterFiltered = (filter: RegisterFilter): boolean => FILTER_KEYS.some((key) => key !== 'asOf' && filter[key] !== '');

/** The next visit in words, never colour alone: "Overdue since 3 Dec 2013", "Due 3 Dec 2013", "3 Dec 2013", "No schedule". */
export function visitDueText(row: Pick<SchoolRow, 'nextVisitDueOn' | 'visitDue'>, formatDay: (day: string) => string = (d) => d): string {
  const due: VisitDue = row.visitDue;
  if (due === 'no-schedule' || !row.nextVisitDueOn) return 'No visit schedule';
  if (due === 'overdue') return `Overdue: was due ${formatDay(row.nextVisitDueOn)}`;
  if (due === 'due') return `Due ${formatDay(row.nextVisitDueOn)}`;
  return `Next by ${formatDay(row.nextVisitDueOn)}`;
}

export const VISIT_RAG_WORDS: Record<VisitRag, string> = { G: 'Green: good progress', A: 'Amber: some progress', R: 'Red: not enough progress' };

/** The officer's RAG of progress against the school's own plan, in words. */
export const visitRagText = (rag: VisitRag | null | undefined): string => (rag ? VISIT_RAG_WORDS[rag] : 'No RAG given');

/** "3 Requires improvement", "4 Inadequate: special measures", "Not inspected". */
export function ofstedText(ofsted: SchoolRow['ofsted']): string {
  if (!ofsted) return 'No judgement yet';
  return `${ofsted.grade} ${OFSTED_GRADE_LABELS[ofsted.grade]}${ofsted.category ? `: ${OFSTED_CATEGORY_LABELS[ofsted.category].toLowerCase()}` : ''}`;
}

/** The school's categories (and stages), scheme by scheme: "Norfolk: B3 (Requires improvement, improving)". */
export function categoriesText(held: Record<string, string>, schemes: readonly CategorySchemeView[]): Array<{ scheme: string; code: string; label: string }> {
  return Object.entries(held)
    .map(([schemeId, code]) => {
      const scheme = schemes.find((s) => s.id === schemeId);
      const category = scheme?.categories.find((c) => c.code === code);
      return { scheme: scheme?.name ?? schemeId, code, label: category?.label ?? '' };
    })
    .sort((a, b) => a.scheme.localeCompare(b.scheme));
}

/** The improvement plan in words: overdue, received, evaluated, or due by a day. */
export function improvementPlanText(plan: SchoolRow['improvementPlan'], formatDay: (day: string) => string = (d) => d): string {
  if (plan.evaluatedOn) return `Evaluated ${formatDay(plan.evaluatedOn)}`;
  if (plan.receivedOn) return `Received ${formatDay(plan.receivedOn)}`;
  if (plan.overdue && plan.dueOn) return `Overdue: was due ${formatDay(plan.dueOn)}`;
  if (plan.dueOn) return `Due ${formatDay(plan.dueOn)}`;
  return 'None due';
}

export interface TableLayout {
  /** The scheme's codes, worst first: the table's columns. */
  codes: Array<{ code: string; label: string }>;
  rows: Array<{ phase: SchoolPhase; label: string; counts: number[]; uncategorised: number; total: number; schools?: CategorisationTable['phases'][number]['schools'] }>;
  /** Each code's count across the phases, the open schools holding no code of the scheme, and the grand total. */
  totals: number[];
  uncategorised: number;
  total: number;
}

/**
 * The categorisation table as the strategy prints it ("A4 62, B3 64, ..." per phase): the
 * scheme's codes worst first as columns, a row per phase the answer has, zeros where none.
 */
export function categorisationLayout(table: CategorisationTable, scheme: CategorySchemeView | undefined): TableLayout {
  const fromScheme = scheme ? [...scheme.categories].sort((a, b) => a.order - b.order).map((c) => ({ code: c.code, label: c.label })) : [];
  const seen = new Set(fromScheme.map((c) => c.code));
  // A code counted that the scheme no longer lists (revised since) still gets its column.
  const extra = table.phases.flatMap((p) => Object.keys(p.counts)).filter((code) => !seen.has(code) && (seen.add(code), true)).map((code) => ({ code, label: '' }));
  const codes = [...fromScheme, ...extra];
  const rows = table.phases.map((p) => ({
    phase: p.phase,
    label: SCHOOL_PHASE_LABELS[p.phase] ?? p.phase,
    counts: codes.map((c) => p.counts[c.code] ?? 0),
    uncategorised: p.uncategorised ?? 0,
    total: p.total,
    ...(p.schools ? { schools: p.schools } : {}),
  }));
  const totals = codes.map((_, i) => rows.reduce((sum, r) => sum + r.counts[i], 0));
  return { codes, rows, totals, uncategorised: rows.reduce((sum, r) => sum + r.uncategorised, 0), total: rows.reduce((sum, r) => sum + r.total, 0) };
}

/** The line the strategy prints: "September 2013: A4 62, B3 64, C3 10". */
export const categorisationLine = (when: string, codes: TableLayout['codes'], counts: number[]): string =>
  `${when}: ${codes.map((c, i) => `${c.code} ${counts[i]}`).join(', ')}`;

/** Whether a live batch touched the register: the server sends school events as one entry, stream 'school-', naming no school. */
export const touchesRegister = (events: ReadonlyArray<{ streamId: string }>): boolean =>
  events.some((e) => streamCategoryOf(e.streamId) === 'school' || streamCategoryOf(e.streamId) === 'scheme');
