/**
 * Evidence documents in a plan owner's words: sizes, kinds, counts, and which live events
 * concern an action's evidence. No DOM: unit-tested under Node too.
 */
import { EVIDENCE_MEDIA_TYPES, type EvidenceView, isEvidenceMediaType, streamCategoryOf } from './contract.js';

const KB = 1024;
const MB = 1024 * KB;

/** One decimal below 10 ("1.5 MB"), whole numbers above ("120 KB"), as file managers show sizes. */
const scaled = (n: number): string => (n < 10 ? String(Math.round(n * 10) / 10) : String(Math.round(n)));

/** 820 -> "820 bytes", 1536 -> "1.5 KB", 3_500_000 -> "3.3 MB". */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < KB) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  // Rounding may reach the next unit (1023.96 KB): say 1 MB, not "1024 KB".
  if (bytes < MB && Math.round(bytes / KB) < 1024) return `${scaled(bytes / KB)} KB`;
  return `${scaled(bytes / MB)} MB`;
}

/** The kind of file a media type is, as the list labels it ("PDF", "Word"); an unknown type as it is. */
export const kindLabel = (mediaType: string): string => (isEvidenceMediaType(mediaType) ? EVIDENCE_MEDIA_TYPES[mediaType].label : mediaType);

/** The kinds the upload form names in its hint, once each: "PDF, Word, Excel, ...". */
export function acceptedKindsText(): string {
  const kinds = [...new Set(Object.values(EVIDENCE_MEDIA_TYPES).map((k) => k.label.replace(/ \(97-2003\)$/, '')))];
  return `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
}

/** The badge on a plan board row: "2 files", read out as "2 evidence files"; nothing for none. */
export function evidenceCountBadge(count: number | undefined): { text: string; label: string } | null {
  if (!count || count <= 0) return null;
  return count === 1 ? { text: '1 file', label: '1 evidence file' } : { text: `${count} files`, label: `${count} evidence files` };
}

/** The list an action page shows: the documents held now, and those withdrawn or erased (the history). */
export function splitEvidence(documents: readonly EvidenceView[]): { held: EvidenceView[]; gone: EvidenceView[] } {
  const byTime = (a: EvidenceView, b: EvidenceView) => a.position - b.position;
  return {
    held: documents.filter((d) => d.state === 'held').sort(byTime),
    gone: documents.filter((d) => d.state !== 'held').sort((a, b) => goneAt(a) - goneAt(b)),
  };
}

const goneAt = (d: EvidenceView): number => d.erased?.position ?? d.withdrawn?.position ?? d.position;

/** What touchesEvidence reads of a live batch (live.ts's LiveBatch, which needs the DOM to compile). */
type LiveBatchIds = { position: number; resync?: boolean; events: ReadonlyArray<{ type: string; streamId: string; planId: string | null; actionId: string | null; position: number }> };

/**
 * Whether a live batch may change an action's evidence: an evidence event naming the action,
 * or one naming only its plan (an older feed did not name an evidence event's action), or a
 * resync after reconnecting.
 */
export function touchesEvidence(batch: LiveBatchIds, action: { id: string; planId: string }): boolean {
  if (batch.resync) return true;
  return batch.events.some(
    (e) => streamCategoryOf(e.streamId) === 'evidence' && (e.actionId === action.id || (e.actionId === null && e.planId === action.planId)),
  );
}
