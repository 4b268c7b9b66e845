import { stringify } from 'csv-stringify/sync';
import { describeChange } from '@rag-ledger/contract';
import type { EvidencePack } from '../evidence-pack';
import { leftOutText, type ZipPlace } from './document-text';
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

/**
 * The ZIP pack's second CSV, one row per evidence document (the events CSV keeps its one row
 * per event, which Excel users filter and sort): the action or measure, the file, its media
 * type, size and SHA-256, the description, who attached it and when, its state at the
 * period's end with the reason, the log positions of its events, and its path in the ZIP.
 */
export function renderEvidenceDocumentsCsv(pack: EvidencePack, zip: ReadonlyMap<string, ZipPlace>): string {
  const header = ['document id', 'action or measure', 'file name', 'media type', 'size (bytes)', 'sha256', 'description', 'attached at', 'attached by', 'attached at position', 'state at the end of the period', 'reason', 'log positions', 'file in this ZIP'];
  const rows = pack.documents.map((d) => {
    const place = zip.get(d.documentId);
    const reason = d.state === 'erased' ? d.erased?.reason : d.state === 'withdrawn' ? d.withdrawn?.reason : '';
    return [
      d.documentId,
      d.subjectText,
      d.fileName,
      d.mediaType,
      String(d.size),
      d.sha256,
      d.description,
      d.attached.at,
      d.attached.by.name,
      String(d.attached.position),
      d.state,
      reason ?? '',
      d.positions.join(' '),
      place ? ('path' in place ? place.path : leftOutText(place.missing)) : '',
    ].map(neutraliseFormula);
  });
  return '\uFEFF' + stringify([header, ...rows], { record_delimiter: 'windows' });
}
