import { monthLabel, type TrendPoint } from '@rag-ledger/contract';

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** "the five plans", "the one plan", "12 plans": how the description names the plans a trend covers. */
export function plansPhrase(count: number): string {
  if (count === 0) return 'no plans';
  return `the ${NUMBER_WORDS[count] ?? String(count)} plan${count === 1 ? '' : 's'}`;
}

/** "fell from 42 in September 2013 to 12 in February 2015", or "stayed at 4 ..." when it did not move. */
function movement(first: number, last: number, from: string, to: string, withMonths: boolean): string {
  const span = withMonths ? ` from ${from} to ${to}` : '';
  if (first === last) return `stayed at ${first}${span}`;
  const verb = last > first ? 'rose' : 'fell';
  return withMonths ? `${verb} from ${first} in ${from} to ${last} in ${to}` : `${verb} from ${first} to ${last}`;
}

/**
 * One plain sentence that says what the chart shows, for a screen reader and a printed pack:
 * how the Red, completed and overdue counts moved between the first month and the last.
 * `subject` opens it: "Across the five plans", "In the Early Help Improvement Plan".
 */
export function describeTrend(subject: string, points: readonly TrendPoint[]): string {
  if (points.length === 0) return `${subject}, there are no months to show.`;
  const first = points[0];
  const last = points[points.length - 1];
  const [from, to] = [monthLabel(first.month), monthLabel(last.month)];
  if (points.every((p) => p.total === 0)) {
    return points.length === 1 ? `${subject}, there were no actions in ${from}.` : `${subject}, there were no actions from ${from} to ${to}.`;
  }
  if (points.length === 1) {
    return `${subject}, in ${from}, ${last.counts.R} of ${last.total} actions were Red, ${last.counts.B} complete and ${last.overdue} overdue.`;
  }
  return (
    `${subject}, Red actions ${movement(first.counts.R, last.counts.R, from, to, true)}; ` +
    `completed actions ${movement(first.counts.B, last.counts.B, from, to, false)}; ` +
    `overdue actions ${movement(first.overdue, last.overdue, from, to, false)}; ` +
    `${last.total} action${last.total === 1 ? '' : 's'} in all in ${to}.`
  );
}
