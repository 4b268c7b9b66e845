import { isIsoDate } from '@rag-ledger/domain';
import type { ImportedMilestone, ImportWarning } from '../import-file';
import { parsePlanDate } from '../parsing';
import { IdRegistry, Problems, text } from './field-rules';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The work-streams of a plan as the file names them, to place the plan's milestones on the ones they cite. */
export interface WorkstreamNames {
  id: string;
  /** As printed: "Priority 2", "SO1.1". */
  code?: string;
}

/** The heading the EDU plan prints over its `keyMilestones` (they are the bold ones of its priorities). */
export const KEY_MILESTONES_GROUP = 'Key milestones';

/**
 * The milestones of a plan and of its work-streams, in the generic shape
 * `milestones: [{ id?, date, dateIso?, text, refs?, group? }]` on a plan or a work-stream, and the
 * Norfolk shapes mapped onto it: on a work-stream `{ by, byIso, items: [..] }` (one milestone per
 * item) and `{ fragments }` (text lost in the conversion: skipped with a warning naming them); on a
 * plan `keyMilestones: [{ date, dateIso, milestone, refToPostOfstedPlan }]` (refs [the number]).
 *
 * Id: the given `id`, or `<work-stream or plan id>.M<n>`, n the milestone's place in that list
 * counting every one printed (skipped ones too, so the others keep their ids when a lost text
 * is restored). The day: `dateIso`, else the printed date read as an action's; a milestone with
 * no day that can be read, or whose text is only a placeholder ("[text lost]"), is a warning and
 * is not imported (a milestone is due on a day; the domain holds none without one).
 *
 * A plan's milestone whose refs name exactly one of its work-streams (its id, its code, or the
 * number in its code: "2" for "Priority 2") is placed on it; if that work-stream already has a
 * milestone due the same day with the same text, it is that milestone (its refs and group join it).
 */
export function readMilestones(
  rawPlan: Json,
  planId: string,
  workstreams: Array<WorkstreamNames & { raw: Json }>,
  ids: IdRegistry,
  problems: Problems,
  warnings: ImportWarning[],
): ImportedMilestone[] {
  const read: ImportedMilestone[] = [];
  for (const ws of workstreams) {
    const where = `plan ${planId}, work-stream ${ws.id}`;
    read.push(...readList(ws.raw.milestones, ws.id, where, problems, warnings).map((m) => ({ ...m, workstreamId: ws.id })));
  }
  const names = workstreamNames(workstreams);
  const planList = [...list(rawPlan.milestones), ...list(rawPlan.keyMilestones).map((m) => (isObject(m) ? { group: KEY_MILESTONES_GROUP, ...m } : m))];
  const own: ImportedMilestone[] = [];
  for (const milestone of readList(planList, planId, `plan ${planId}`, problems, warnings)) {
    const named = [...new Set(milestone.refs.flatMap((ref) => names.get(normalise(ref)) ?? []))];
    if (named.length !== 1) {
      own.push(milestone);
      continue;
    }
    const [workstreamId] = named;
    const same = read.find((m) => m.workstreamId === workstreamId && m.date === milestone.date && normalise(m.text) === normalise(milestone.text));
    if (same) {
      same.refs = [...new Set([...same.refs, ...milestone.refs])];
      same.group ??= milestone.group;
    } else {
      read.push({ ...milestone, workstreamId });
    }
  }
  // Ids are claimed once it is known which milestones there are: one that is another's is not a second.
  return [...own, ...read].filter((m) => ids.claim(m.id, m.source) !== undefined);
}

const normalise = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Each name a ref may give a work-stream: its id, its code, and the number its code ends in. */
function workstreamNames(workstreams: WorkstreamNames[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  const add = (name: string | undefined, id: string) => {
    if (!name) return;
    const key = normalise(name);
    names.set(key, [...new Set([...(names.get(key) ?? []), id])]);
  };
  for (const ws of workstreams) {
    add(ws.id, ws.id);
    add(ws.code, ws.id);
    add(ws.code?.match(/(\d+(?:\.\d+)*)$/)?.[1], ws.id);
  }
  return names;
}

/** A placeholder the conversion left where the text was lost: "[text lost]", "[first milestone text lost]", "[...]". */
const isPlaceholder = (s: string) => s.replace(/\[[^\]]*\]/g, '').replace(/[\s.…,;:–-]/g, '') === '';

/** One list of milestones, in order; `owner` the work-stream's or plan's id their ids begin with. */
function readList(raw: unknown, owner: string, where: string, problems: Problems, warnings: ImportWarning[]): ImportedMilestone[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.add(where, 'milestones must be a list');
    return [];
  }
  const read: ImportedMilestone[] = [];
  let n = 0;
  const one = (entry: { id?: string; dateText?: string; dateIso?: string; text?: string; refs: string[]; group?: string }) => {
    const place = ++n;
    const source = `${where}, milestone ${place}`;
    if (!entry.text) {
      problems.add(source, 'has no text (what will be true by its date)');
      return;
    }
    if (isPlaceholder(entry.text)) {
      warnings.push({ where: source, message: `the text is only "${entry.text}" (lost in the conversion); the milestone is not imported` });
      return;
    }
    const date = dayOf(entry.dateText, entry.dateIso, source, warnings);
    if (!date) {
      warnings.push({ where: source, message: `"${entry.text.slice(0, 80)}" has no date that gives a day (${entry.dateText ? `"${entry.dateText}"` : 'none printed'}); the milestone is not imported` });
      return;
    }
    read.push({ id: entry.id ?? `${owner}.M${place}`, date, dateText: entry.dateText, text: entry.text, refs: entry.refs, group: entry.group, source });
  };
  for (const [i, rawEntry] of raw.entries()) {
    if (!isObject(rawEntry)) {
      problems.add(`${where}, milestone #${i + 1}`, 'is not an object');
      continue;
    }
    if (Array.isArray(rawEntry.fragments) && rawEntry.items === undefined && text(rawEntry.text) === undefined) {
      const fragments = rawEntry.fragments.map(text).filter((f): f is string => f !== undefined);
      warnings.push({
        where: `${where}, milestones ${n + 1}-${n + fragments.length}`,
        message: `only fragments of ${fragments.length} milestone texts are in the file (${fragments.map((f) => `"${f}"`).join(', ')}); they are not imported`,
      });
      n += fragments.length;
      continue;
    }
    const common = { refs: refsOf(rawEntry), group: text(rawEntry.group) };
    if (Array.isArray(rawEntry.items)) {
      // { by: "By Dec 2013", byIso, items: [...] }: one milestone per item, all due that day.
      for (const item of rawEntry.items) one({ ...common, dateText: text(rawEntry.by) ?? text(rawEntry.date), dateIso: text(rawEntry.byIso) ?? text(rawEntry.dateIso), text: text(item) });
    } else {
      one({ ...common, id: text(rawEntry.id), dateText: text(rawEntry.date) ?? text(rawEntry.by), dateIso: text(rawEntry.dateIso) ?? text(rawEntry.byIso), text: text(rawEntry.text) ?? text(rawEntry.milestone) });
    }
  }
  return read;
}

/** `refs`, or the EDU plan's `refToPostOfstedPlan` (a priority's number), as texts. */
function refsOf(entry: Json): string[] {
  const raw = entry.refs ?? (entry.refToPostOfstedPlan === undefined || entry.refToPostOfstedPlan === null ? [] : [entry.refToPostOfstedPlan]);
  return [...new Set((Array.isArray(raw) ? raw : [raw]).map((r) => (typeof r === 'number' ? String(r) : text(r))).filter((r): r is string => r !== undefined))];
}

/** The day a milestone is due: the file's ISO date, else the printed date read as an action's is (a month means its last day). */
function dayOf(printed: string | undefined, iso: string | undefined, where: string, warnings: ImportWarning[]): string | undefined {
  if (iso !== undefined && isIsoDate(iso)) return iso;
  if (iso !== undefined) warnings.push({ where, message: `dateIso "${iso}" is not a calendar date; the printed date is used` });
  return printed === undefined ? undefined : parsePlanDate(printed).due;
}
