import { EVIDENCE_MEDIA_TYPES, isEvidenceMediaType } from '@rag-ledger/contract';

/** Where a document's file is in a ZIP pack, or why it is not there. */
export type ZipPlace = { path: string } | { missing: 'erased' | 'missing' };

/** "PDF (application/pdf)": what a plan owner calls the kind of file, and the media type decided from its bytes. */
export const mediaTypeText = (mediaType: string): string => (isEvidenceMediaType(mediaType) ? `${EVIDENCE_MEDIA_TYPES[mediaType].label} (${mediaType})` : mediaType);

export const sizeText = (size: number): string => `${size.toLocaleString('en-GB')} bytes`;

/** Why a document's file is not in the ZIP, in words. */
export const leftOutText = (why: 'erased' | 'missing'): string =>
  why === 'erased' ? 'not included: the bytes were erased' : 'not included: missing from the document store (see npm run verify)';
