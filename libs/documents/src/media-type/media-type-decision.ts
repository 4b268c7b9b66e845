import type { EvidenceMediaType } from '@rag-ledger/contract';

/** What the bytes of an upload say it is: a kind of evidence the tracker keeps, or why not. */
export type MediaTypeDecision = { accepted: true; mediaType: EvidenceMediaType } | { accepted: false; reason: string };

export const accepted = (mediaType: EvidenceMediaType): MediaTypeDecision => ({ accepted: true, mediaType });

/** The kinds of evidence, as a plan owner would list them (EVIDENCE_MEDIA_TYPES, grouped). */
export const KINDS_KEPT = 'PDF, Word, Excel, PowerPoint, OpenDocument, CSV, plain text, PNG or JPEG images, saved e-mails';

/** "This file is <what>, not one of the kinds of evidence the tracker keeps (...). <advice>" */
export function refused(what: string, advice = 'Save it as a PDF and attach that.'): MediaTypeDecision {
  return { accepted: false, reason: `This file is ${what}, not one of the kinds of evidence the tracker keeps (${KINDS_KEPT}). ${advice}` };
}
