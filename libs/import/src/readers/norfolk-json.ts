import type { PlanKind } from '@rag-ledger/domain';
import { ImportFileError, ImportTooLargeError, MAX_IMPORT_ROWS, type ImportedAction, type ImportedPlan, type ImportedWorkstream, type ImportFile, type ImportWarning } from '../import-file';
import { splitOwners } from '../parsing';
import { ROWS_PER_STEP, runAtOnce, runInSteps } from '../steps';
import { IdRegistry, planKind, Problems, readRag, text } from './field-rules';
import { readFramework } from './framework-json';
import { readMeasures } from './measures-json';
import { readMilestones, type WorkstreamNames } from './milestones-json';
import { readSteps } from './steps-json';
import { readTargetDate } from './target-date';

export interface ReadOptions {
  /** The kind of a plan whose file gives none (the demo maps the Norfolk plans); default `other`. */
  kindFor?: (planId: string) => PlanKind | undefined;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): string[] => list(v).map(text).filter((s): s is string => s !== undefined);

/**
 * Reads plans in the shape of the shared Norfolk file: plans -> workstreams ->
 * actions, with plan `name`, work-stream `name`, action `responsible` as owners,
 * `targetDate` as printed and `targetDateIso` when known; each action's `steps` and
 * `statusNotes`; a plan's and a work-stream's framework (lead, success criteria, standards,
 * assumptions, risks) and milestones. Other fields are ignored (the README lists what is read).
 */
export function readPlansJson(input: string | unknown, options: ReadOptions = {}): ImportFile {
  return runAtOnce(readJson(input, options));
}

/** The same as readPlansJson, checking the actions in steps that give the event loop back (see steps.ts). */
export function readPlansJsonInSteps(input: string | unknown, options: ReadOptions = {}): Promise<ImportFile> {
  return runInSteps(readJson(input, options));
}

function* readJson(input: string | unknown, options: ReadOptions): Generator<void, ImportFile> {
  let root: unknown = input;
  if (typeof input === 'string') {
    try {
      root = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new ImportFileError([`the JSON is malformed: ${(error as Error).message}`]);
    }
  }
  if (!isObject(root) || !Array.isArray(root.plans)) throw new ImportFileError(['the JSON must be an object with a "plans" list']);
  // Counted before anything else is read, so an oversized file costs no more than this.
  const actionCount = root.plans.reduce<number>((n, p) => n + list(isObject(p) ? p.workstreams : []).reduce<number>((m, w) => m + list(isObject(w) ? w.actions : []).length, 0), 0);
  if (actionCount > MAX_IMPORT_ROWS) throw new ImportTooLargeError('actions');

  const problems = new Problems();
  const warnings: ImportWarning[] = [];
  const planIds = new IdRegistry('plan', problems);
  const actionIds = new IdRegistry('action', problems);
  const milestoneIds = new IdRegistry('milestone', problems);
  let rowsRead = 0;

  const plans: ImportedPlan[] = [];
  for (const [p, rawPlan] of root.plans.entries()) {
    const where = `plan ${isObject(rawPlan) && text(rawPlan.id) ? text(rawPlan.id) : `#${p + 1}`}`;
    if (!isObject(rawPlan)) {
      problems.add(where, 'is not an object');
      continue;
    }
    const id = planIds.claim(text(rawPlan.id), where);
    const title = text(rawPlan.name) ?? text(rawPlan.title);
    if (!title) problems.add(where, 'has no title (name)');
    let kind: PlanKind = 'other';
    if (rawPlan.kind !== undefined && rawPlan.kind !== null) {
      const read = planKind(rawPlan.kind);
      if (read) kind = read;
      else problems.add(where, `unknown plan kind "${String(rawPlan.kind)}"`);
    } else if (id) {
      kind = options.kindFor?.(id) ?? 'other';
    }

    const workstreamIds = new IdRegistry('work-stream', problems);
    const workstreams: ImportedWorkstream[] = [];
    const named: Array<WorkstreamNames & { raw: Json }> = [];
    for (const [w, rawWs] of list(rawPlan.workstreams).entries()) {
      const wsWhere = `${where}, work-stream ${isObject(rawWs) && text(rawWs.id) ? text(rawWs.id) : `#${w + 1}`}`;
      if (!isObject(rawWs)) {
        problems.add(wsWhere, 'is not an object');
        continue;
      }
      const wsId = workstreamIds.claim(text(rawWs.id), wsWhere);
      const wsTitle = titleOf(rawWs, wsWhere, problems, warnings);
      const actions: ImportedAction[] = [];
      for (const [a, rawAction] of list(rawWs.actions).entries()) {
        if (++rowsRead % ROWS_PER_STEP === 0) yield;
        const aWhere = `action ${isObject(rawAction) && text(rawAction.id) ? text(rawAction.id) : `#${a + 1} of ${wsWhere}`}`;
        if (!isObject(rawAction)) {
          problems.add(aWhere, 'is not an object');
          continue;
        }
        const actionId = actionIds.claim(text(rawAction.id), aWhere);
        const actionTitle = titleOf(rawAction, aWhere, problems, warnings);
        const owners = splitOwners(Array.isArray(rawAction.responsible) ? strings(rawAction.responsible) : (text(rawAction.responsible) ?? text(rawAction.responsibleRaw)));
        const { rag, unreadable } = readRag(rawAction.rag);
        if (unreadable) warnings.push({ where: aWhere, message: `RAG "${unreadable}" is not W, G, A, R or B; the status is left as it is` });
        if (!actionId || !actionTitle) continue;
        actions.push({
          id: actionId,
          ref: text(rawAction.ref),
          title: actionTitle,
          owners,
          enablingTeams: strings(rawAction.enablingTeams),
          ...readTargetDate(text(rawAction.targetDate), text(rawAction.targetDateIso), aWhere, warnings),
          measures: text(rawAction.measures),
          links: strings(rawAction.links),
          rag,
          steps: readSteps(rawAction.steps, actionId, aWhere, problems, warnings),
          // Word for word, as the plan printed them (not trimmed).
          statusNotes: list(rawAction.statusNotes).filter((n): n is string => typeof n === 'string' && n.trim() !== ''),
          source: aWhere,
        });
      }
      if (!wsId || !wsTitle) continue;
      workstreams.push({
        id: wsId,
        title: wsTitle,
        accountable: text(rawWs.accountable),
        responsible: text(rawWs.responsible),
        projectManager: text(rawWs.projectManager),
        outcome: text(rawWs.outcome),
        ...readFramework(rawWs, wsWhere, warnings),
        actions,
      });
      named.push({ id: wsId, code: text(rawWs.code), raw: rawWs });
    }
    if (!id || !title) continue;
    plans.push({
      id,
      kind,
      title,
      board: text(rawPlan.board),
      version: text(rawPlan.version),
      periodStart: text(rawPlan.periodStart),
      periodEnd: text(rawPlan.periodEnd),
      workstreams,
      ...readFramework(rawPlan, where, warnings),
      measures: readMeasures(rawPlan, id, problems, warnings),
      milestones: readMilestones(rawPlan, id, named, milestoneIds, problems, warnings),
    });
  }
  problems.refuseIfAny();
  return { plans, warnings, rowsRead };
}

/**
 * A title, or the strategic intent where the source records (in `notes`) that the
 * title was lost when the plan was converted; otherwise a missing title refuses the file.
 */
function titleOf(record: Json, where: string, problems: Problems, warnings: ImportWarning[]): string | undefined {
  const title = text(record.title) ?? text(record.name);
  if (title) return title;
  const notes = strings(record.notes);
  if (notes.length === 0) {
    problems.add(where, 'has no title');
    return undefined;
  }
  const stand = text(record.strategicIntent) ?? `(title lost in the source plan: ${notes[0]})`;
  warnings.push({ where, message: `no title in the file (${notes[0]}); imported as "${stand.slice(0, 80)}"` });
  return stand;
}
