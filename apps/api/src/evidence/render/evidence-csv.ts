import { stringify } from 'csv-stringify/sync';
import { describeChange } from '@rag-ledger/contract';
import type { EvidencePack } from '../evidence-pack';
import { stampCheckText, stampText } from './stamp-text';

/**
 * Excel opens a cell that starts with = + - @ (or a tab or carriage return) as a
 * formula; a leading apostrophe makes it text (OWASP's advice against CSV injection).
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * One row per event: time, actor, role, action ref and title, change, reason; then one last
 * row, `stamp`, with the log's stamp (`<position>:<hash>`) and how to check it. UTF-8 with BOM for Excel.
 */
export function renderEvidenceCsv(pack: EvidencePack): string {
  const rows = pack.events.map((e) => {
    const action = e.actionId ? pack.actionTitles.get(e.actionId) : undefined;
    return [e.at, e.actor.name, e.actor.role, action?.ref ?? '', action?.title ?? '', describeChange(e), e.reason ?? ''].map(neutraliseFormula);
  });
  const stamp = ['stamp', stampText(pack.stamp), '', '', '', 'the log position and hash-chain head at the end of the period', stampCheckText(pack.stamp)].map(neutraliseFormula);
  return '\uFEFF' + stringify([['time', 'actor', 'role', 'action ref', 'action title', 'change', 'reason'], ...rows, stamp], { record_delimiter: 'windows' });
}
