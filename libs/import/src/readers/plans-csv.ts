import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { ImportFileError, ImportTooLargeError, MAX_IMPORT_ROWS, type ImportedAction, type ImportedPlan, type ImportedWorkstream, type ImportFile, type ImportWarning } from '../import-file';
import { splitOwners } from '../parsing';
import { eventLoop, ROWS_PER_STEP, runAtOnce, runInSteps } from '../steps';
import { IdRegistry, planKind, Problems, readRag, saysComplete, text } from './field-rules';
import { placedStepId } from './placed-step-id';
import { readTargetDate } from './target-date';

/** The documented columns, one row per action. Extra columns are ignored. */
export const CSV_COLUMNS = [
  'plan_id', 'plan_title', 'plan_kind', 'workstream_id', 'workstream_title', 'action_id', 'ref', 'title',
  'owners', 'enabling_teams', 'target_date', 'measures', 'rag', 'links',
] as const;
/**
 * Optional columns read when present. `status_note`: on an action row, a progress note the plan
 * printed on it; on a step row, the step's printed status. `step_of`: the row is a step of that
 * action (see readStepRows); `step_id`: the step's id.
 */
export const CSV_OPTIONAL_COLUMNS = ['plan_version', 'plan_board', 'status_note', 'step_of', 'step_id'] as const;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number] | (typeof CSV_OPTIONAL_COLUMNS)[number], string>>;

const splitList = (cell: string | undefined) => (cell ?? '').split(/[;,/\n]/).map((s) => s.trim()).filter(Boolean);

type Records = Array<{ record: Row; info: { lines: number } }>;

const CSV_OPTIONS = {
  bom: true,
  columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
  skip_empty_lines: true,
  info: true,
} as const;

/** Characters handed to the CSV parser per step (a few thousand rows at most). */
const CHARS_PER_STEP = 64 * 1024;

const malformed = (error: unknown) => {
  const line = (error as { lines?: number }).lines;
  return new ImportFileError([`${line ? `line ${line}: ` : ''}the CSV is malformed: ${(error as Error).message}`]);
};

/** Reads a CSV as Excel saves it (UTF-8, with or without BOM, quoted cells with line breaks), at once. */
export function readPlansCsv(input: string): ImportFile {
  let records: Records;
  try {
    // One record past the bound is enough to know the file is too large: the rest is not parsed.
    records = parse(input, { ...CSV_OPTIONS, to: MAX_IMPORT_ROWS + 1 });
  } catch (error) {
    throw malformed(error);
  }
  return runAtOnce(checkRows(records));
}

/**
 * The same as readPlansCsv, in steps that give the event loop back between them (see steps.ts),
 * for the server: parsing stops one row past MAX_IMPORT_ROWS.
 */
export async function readPlansCsvInSteps(input: string): Promise<ImportFile> {
  const records: Records = [];
  const parser = parseStream(CSV_OPTIONS);
  let failure: unknown;
  let ended = false;
  parser.on('data', (record: Records[number]) => records.push(record));
  parser.on('error', (error) => (failure = error));
  parser.on('end', () => (ended = true));
  for (let offset = 0; offset < input.length && failure === undefined; offset += CHARS_PER_STEP) {
    parser.write(input.slice(offset, offset + CHARS_PER_STEP));
    await eventLoop.nextTurn();
    if (records.length > MAX_IMPORT_ROWS) {
      parser.destroy();
      throw new ImportTooLargeError('rows');
    }
  }
  if (failure === undefined) parser.end();
  while (!ended && failure === undefined) await eventLoop.nextTurn();
  if (failure !== undefined) throw malformed(failure);
  return runInSteps(checkRows(records));
}

/** Checks the rows and builds the plans, yielding every ROWS_PER_STEP rows. */
function* checkRows(records: Records): Generator<void, ImportFile> {
  if (records.length > MAX_IMPORT_ROWS) throw new ImportTooLargeError('rows');
  if (records.length === 0) throw new ImportFileError(['the CSV has no rows']);
  const header = Object.keys(records[0].record);
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new ImportFileError([`line 1: missing columns ${missing.join(', ')}`]);

  const problems = new Problems();
  const warnings: ImportWarning[] = [];
  const planIds = new IdRegistry('plan', problems);
  const actionIds = new IdRegistry('action', problems);
  const plans = new Map<string, ImportedPlan & { line: number; wsIds: IdRegistry }>();
  const workstreams = new Map<string, ImportedWorkstream & { line: number }>();
  const actions = new Map<string, ImportedAction>();
  const stepRows: StepRow[] = [];

  for (const [n, { record: row, info }] of records.entries()) {
    if (n > 0 && n % ROWS_PER_STEP === 0) yield;
    const where = `line ${info.lines}`;
    if (text(row.step_of)) {
      stepRows.push({ row, where });
      continue;
    }
    const planId = text(row.plan_id);
    let plan = planId ? plans.get(planId) : undefined;
    if (!plan) {
      const id = planIds.claim(planId, where);
      const title = text(row.plan_title);
      if (!title) problems.add(where, 'plan_title is empty');
      const kindCell = text(row.plan_kind);
      const kind = kindCell ? planKind(kindCell) : 'other';
      if (!kind) problems.add(where, `unknown plan kind "${kindCell}"`);
      if (!id || !title || !kind) continue;
      plan = { id, kind, title, version: text(row.plan_version), board: text(row.plan_board), workstreams: [], measures: [], milestones: [], line: info.lines, wsIds: new IdRegistry('work-stream', problems) };
      plans.set(id, plan);
    } else {
      const title = text(row.plan_title);
      if (title && title !== plan.title) problems.add(where, `plan ${plan.id} is titled differently on line ${plan.line}`);
      const kindCell = text(row.plan_kind);
      if (kindCell && planKind(kindCell) !== plan.kind) problems.add(where, `plan ${plan.id} has a different kind on line ${plan.line}`);
    }

    const wsKey = `${plan.id}\u0000${text(row.workstream_id)}`;
    let ws = workstreams.get(wsKey);
    if (!ws) {
      const wsId = plan.wsIds.claim(text(row.workstream_id), where);
      const wsTitle = text(row.workstream_title);
      if (!wsTitle) problems.add(where, 'workstream_title is empty');
      if (!wsId || !wsTitle) continue;
      ws = { id: wsId, title: wsTitle, actions: [], line: info.lines };
      workstreams.set(wsKey, ws);
      plan.workstreams.push(ws);
    } else if (text(row.workstream_title) && text(row.workstream_title) !== ws.title) {
      problems.add(where, `work-stream ${ws.id} is titled differently on line ${ws.line}`);
    }

    // A row without an id gets a stable one from its work-stream and printed ref, so a re-import finds it again.
    const ref = text(row.ref);
    const actionId = actionIds.claim(text(row.action_id) ?? (ref ? `${ws.id}.${ref}` : undefined), where);
    const title = text(row.title);
    if (!title) problems.add(where, 'title is empty');
    const { rag, unreadable } = readRag(row.rag);
    if (unreadable) problems.add(where, `rag "${unreadable}" is not W, G, A, R or B`);
    if (!actionId || !title) continue;
    const statusNote = row.status_note?.trim() ? row.status_note : undefined;
    const action: ImportedAction = {
      id: actionId,
      ref,
      title,
      owners: splitOwners(row.owners ?? null),
      enablingTeams: splitList(row.enabling_teams),
      steps: [],
      statusNotes: statusNote ? [statusNote] : [],
      ...readTargetDate(text(row.target_date), undefined, `${where} (action ${actionId})`, warnings),
      measures: text(row.measures),
      links: splitList(row.links),
      rag,
      source: `${where} (action ${actionId})`,
    };
    ws.actions.push(action);
    actions.set(actionId, action);
  }
  readStepRows(stepRows, actions, problems, warnings);
  problems.refuseIfAny();
  const strip = ({ line: _, wsIds: __, ...plan }: ImportedPlan & { line: number; wsIds: IdRegistry }): ImportedPlan => ({
    ...plan,
    workstreams: plan.workstreams.map((w) => {
      const { line: _l, ...rest } = w as ImportedWorkstream & { line: number };
      return rest;
    }),
  });
  return { plans: [...plans.values()].map(strip), warnings, rowsRead: records.length };
}

interface StepRow {
  row: Row;
  where: string;
}

/**
 * A row with `step_of` set to an action id of the file is a step of that action, wherever it
 * stands: `title` its text, `owners`, `enabling_teams` and `target_date` read as an action's,
 * `status_note` its printed status; done when its `rag` is B or its status note says complete.
 * Its id: `step_id`, or `<action id>.p<n>` by its place among that action's step rows. The
 * other columns of a step row are not read.
 */
function readStepRows(rows: StepRow[], actions: Map<string, ImportedAction>, problems: Problems, warnings: ImportWarning[]): void {
  const ids = new Map<string, IdRegistry>();
  const places = new Map<string, number>();
  for (const { row, where } of rows) {
    const actionId = text(row.step_of) as string;
    const action = actions.get(actionId);
    const place = (places.get(actionId) ?? 0) + 1;
    places.set(actionId, place);
    if (!action) {
      problems.add(where, `step_of "${actionId}" names no action of this file`);
      continue;
    }
    if (!ids.has(actionId)) ids.set(actionId, new IdRegistry('step', problems));
    const id = ids.get(actionId)!.claim(text(row.step_id) ?? placedStepId(actionId, place), where);
    const title = text(row.title);
    if (!title) problems.add(where, 'title (the text of the step) is empty');
    const { rag, unreadable } = readRag(row.rag);
    if (unreadable) problems.add(where, `rag "${unreadable}" is not W, G, A, R or B`);
    else if (rag && rag !== 'B' && rag !== 'W') warnings.push({ where, message: `a step has no RAG rating: only B (done) is read, "${rag}" is not` });
    if (!id || !title) continue;
    const statusNote = text(row.status_note);
    const source = `${where} (step ${id} of action ${actionId})`;
    action.steps.push({
      id,
      text: title,
      owners: splitOwners(row.owners ?? null),
      enablingTeams: splitList(row.enabling_teams),
      ...readTargetDate(text(row.target_date), undefined, source, warnings),
      statusNote,
      done: rag === 'B' || saysComplete(statusNote),
      source,
    });
  }
}
