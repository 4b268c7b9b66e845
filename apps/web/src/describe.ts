/**
 * One history entry as a board member reads it. Returns parts, so the page can put
 * status chips in: a string is text, { status } is a chip. No imports besides types.
 */
import type { Status } from './status';

export type Part = string | { status: Status };

export interface HistoryEntry {
  position: number;
  revision: number;
  type: string;
  at: string;
  actor: { id: string; name: string; role: string };
  data: Record<string, unknown>;
  reason: string | null;
}

const list = (value: unknown): string => (Array.isArray(value) ? value.join(', ') || 'nobody' : String(value ?? ''));
const st = (value: unknown): Part => ({ status: String(value) as Status });

/** `formatDay` turns '2013-12-31' into what the page shows (the page passes its own). */
export function describeEntry(entry: HistoryEntry, formatDay: (day: string) => string = (d) => d): Part[] {
  const d = entry.data ?? {};
  const day = (value: unknown): string => (typeof value === 'string' && value ? formatDay(value) : 'none');
  switch (entry.type) {
    case 'ActionAdded':
      return ['Action added, not started', d.targetDate ? `, due ${day(d.targetDate)}` : ''];
    case 'ActionStarted':
      return ['Started at ', st(d.rag)];
    case 'ActionRagChanged':
      return ['RAG changed from ', st(d.from), ' to ', st(d.to)];
    case 'ActionProgressNoted':
      return ['Progress noted: ', String(d.text ?? '')];
    case 'ActionTargetDateRevised':
      return [`Target date moved from ${day(d.from)} to ${day(d.to)}`];
    case 'ActionOwnersReassigned':
      return [`Owners changed from ${list(d.from)} to ${list(d.to)}`];
    case 'ActionCompleted':
      return ['Completed ', st('B'), ' (was ', st(d.from), ')'];
    case 'ActionReopened':
      return ['Reopened at ', st(d.rag)];
    case 'ActionWithdrawn':
      return ['Withdrawn (was ', st(d.from), ')'];
    case 'ActionDetailsRevised':
      return [`Details revised: ${Object.keys((d.changes as object) ?? {}).join(', ')}`];
    default:
      return [entry.type];
  }
}

/**
 * The words that came with the change: the reason ("Why"), or the note given when
 * starting or completing ("Note"). A progress note is the change itself, shown above.
 */
export function whyOf(entry: HistoryEntry): { label: 'Why' | 'Note'; text: string } | null {
  if (entry.type === 'ActionProgressNoted') return null;
  const note = entry.data?.note;
  if ((entry.type === 'ActionStarted' || entry.type === 'ActionCompleted') && typeof note === 'string' && note) return { label: 'Note', text: note };
  return entry.reason ? { label: 'Why', text: entry.reason } : null;
}
