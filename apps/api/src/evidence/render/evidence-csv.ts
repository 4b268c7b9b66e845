import { stringify } from 'csv-stringify/sync';
import type { EvidencePack } from '../evidence-pack';
import { describeChange } from './describe-change';

/**
 * Excel opens a cell that starts with = + - @ (or a tab or carriage return) as a
 * formula; a leading apostrophe makes it text (OWASP's advice against CSV injection).
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** One row per event: time, actor, role, action ref and title, change, reason. UTF-8 with BOM for Excel. */
export function renderEvidenceCsv(pack: EvidencePack): string {
  const rows = pack.events.map((e) => {
    const action = e.actionId ? pack.actionTitles.get(e.actionId) : undefined;
    return [e.at, e.actor.name, e.actor.role, action?.ref ?? '', action?.title ?? '', describeChange(e), e.reason ?? ''].map(neutraliseFormula);
  });
  return '\uFEFF' + stringify([['time', 'actor', 'role', 'action ref', 'action title', 'change', 'reason'], ...rows], { record_delimiter: 'windows' });
}
