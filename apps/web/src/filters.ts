/** Filtering the rows of a plan board. Unit-tested under Node too. */
import { type ActionStatus, type BoardRow, isStatus } from './contract.js';

export interface BoardFilter {
  status: ActionStatus | '';
  owner: string;
  overdue: boolean;
  q: string;
}

export const NO_FILTER: BoardFilter = { status: '', owner: '', overdue: false, q: '' };

export const isFiltered = (f: BoardFilter): boolean => f.status !== '' || f.owner !== '' || f.overdue || f.q.trim() !== '';

export function matches(row: BoardRow, f: BoardFilter): boolean {
  if (f.status && row.status !== f.status) return false;
  if (f.owner && !row.owners.includes(f.owner)) return false;
  if (f.overdue && !row.overdue) return false;
  const words = f.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > 0) {
    const text = `${row.ref ?? ''} ${row.title} ${row.owners.join(' ')} ${row.id}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}

/** Every owner named on the board, sorted, for the owner filter. */
export function ownersOf(rows: BoardRow[]): string[] {
  return [...new Set(rows.flatMap((r) => r.owners))].sort((a, b) => a.localeCompare(b));
}

/** The filter as hash query parameters, and back. */
export function filterToParams(f: BoardFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.status) out.status = f.status;
  if (f.owner) out.owner = f.owner;
  if (f.overdue) out.overdue = '1';
  if (f.q.trim()) out.q = f.q;
  return out;
}

export function filterFromParams(params: Record<string, string>): BoardFilter {
  return {
    status: isStatus(params.status) ? params.status : '',
    owner: params.owner ?? '',
    overdue: params.overdue === '1',
    q: params.q ?? '',
  };
}
