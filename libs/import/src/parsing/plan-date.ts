// Reads the target-date cells of councils' improvement plans, which are printed in many
// ways ("Dec13", "By Mar 2014", "From Sept 2013", "Oct 2013 -", "Every 6mths from March 2014",
// "Nov 2103"...). Never throws: what cannot be read comes back as kind 'unparsed' with a
// warning, so an import can keep the row and show the cell to a person.
import { CalDate, daysIn, Item, scanDate } from './date-scan';

export type PlanDateKind =
  | 'due' | 'start' | 'open' | 'range' | 'recurring' | 'multiple' | 'immediate' | 'none' | 'unparsed';

export interface PlanDate {
  text: string; // the cell exactly as printed
  due?: string; // YYYY-MM-DD
  start?: string;
  end?: string;
  kind: PlanDateKind;
  recurrence?: string;
  all?: string[]; // every distinct due date, sorted, for 'multiple'
  warning?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
// A month-only date covers the whole month: it starts on the 1st and is due on the last day.
const firstDay = ({ y, m, d }: CalDate) => `${y}-${pad(m)}-${pad(d ?? 1)}`;
const lastDay = ({ y, m, d }: CalDate) => `${y}-${pad(m)}-${pad(d ?? daysIn(y, m))}`;
const earliest = (isos: string[]) => [...isos].sort()[0];

interface Roles {
  dues: CalDate[];
  starts: CalDate[]; // "From X"
  opens: CalDate[]; // "X -" with nothing after
  ranges: [CalDate, CalDate][];
  recurrence?: string;
  immediate: boolean;
}

/** Gives each date its role from the keywords and dashes around it. */
function assignRoles(items: Item[]): Roles {
  const r: Roles = { dues: [], starts: [], opens: [], ranges: [], immediate: false };
  let isStart = false; // set by "From", applies to the next date only
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.k === 'from') isStart = true;
    else if (it.k === 'by') isStart = false;
    else if (it.k === 'recur') r.recurrence = it.text;
    else if (it.k === 'immediate') r.immediate = true;
    if (it.k !== 'date') continue;
    const next = items[i + 1]?.k;
    const after = items[i + 2];
    if ((next === 'dash' || next === 'to') && after?.k === 'date') {
      r.ranges.push([it.date, after.date]);
      i += 2;
    } else if ((next === 'dash' || next === 'to') && !items.slice(i + 2).some((x) => x.k === 'date' || x.k === 'recur')) {
      r.opens.push(it.date); // "Oct 2013 -" / "Oct 2013 to": started, no end printed
    } else (isStart ? r.starts : r.dues).push(it.date);
    isStart = false;
  }
  return r;
}

export function parsePlanDate(text: string | null | undefined): PlanDate {
  const original = text ?? '';
  if (!original.trim()) return { text: original, kind: 'none' };
  const { items, warnings } = scanDate(original);
  const problems = items.flatMap((it) => (it.k === 'problem' ? [it.text] : []));
  const ignored = items.flatMap((it) => (it.k === 'ignored' ? [it.text] : []));
  if (problems.length) return { text: original, kind: 'unparsed', warning: [...problems, ...warnings].join('; ') };
  // Words we do not know ("Refresh", "for RI") do not stop the read, but a person should see them.
  if (ignored.length) warnings.push(`ignored '${ignored.join(' ')}'`);
  const warning = warnings.length ? { warning: warnings.join('; ') } : {};
  const result = interpret(assignRoles(items));
  if (!result) {
    return { text: original, kind: 'unparsed', warning: ['no date found', ...warnings].join('; ') };
  }
  return { text: original, ...result, ...warning };
}

function interpret(r: Roles): Omit<PlanDate, 'text'> | undefined {
  const dated = [...r.dues, ...r.starts, ...r.opens, ...r.ranges.map(([a]) => a)];
  if (!dated.length) return r.immediate ? { kind: 'immediate' } : undefined;
  if (r.recurrence) {
    // The first occurrence is the earliest printed date; it is also the first due date.
    const first = dated.reduce((a, b) => (firstDay(b) < firstDay(a) ? b : a));
    return { kind: 'recurring', start: firstDay(first), due: lastDay(first), recurrence: r.recurrence };
  }
  const dues = [...r.dues.map(lastDay), ...r.ranges.map(([, b]) => lastDay(b))];
  const starts = [...r.starts, ...r.opens, ...r.ranges.map(([a]) => a)].map(firstDay);
  if (r.ranges.length === 1 && dated.length === 1) {
    const [a, b] = r.ranges[0];
    return { kind: 'range', start: firstDay(a), end: lastDay(b), due: lastDay(b) };
  }
  if (!dues.length) return { kind: r.starts.length ? 'start' : 'open', start: earliest(starts) };
  if (dues.length === 1 && starts.length === 0) return { kind: 'due', due: dues[0] };
  // "From Sept 2013 Oct 2013": one start then one due reads as a range.
  if (dues.length === 1 && r.starts.length === 1 && dated.length === 2 && starts[0] <= dues[0]) {
    return { kind: 'range', start: starts[0], end: dues[0], due: dues[0] };
  }
  // Several dates in one cell: the earliest is the one that falls due first.
  const all = [...new Set(dues)].sort();
  return { kind: 'multiple', due: all[0], all, ...(starts.length ? { start: earliest(starts) } : {}) };
}
