import type { MeetingPack } from '@rag-ledger/contract';
import { renderPackDocx } from './pack-docx';
import { renderPackHtml } from './pack-html';
import { renderPackPdf } from './pack-pdf';

export const PACK_FORMATS = ['json', 'html', 'pdf', 'docx'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];

export interface RenderedPack {
  body: Buffer | string;
  contentType: string;
  /** The file name's extension: `pack-<meetingId>.<extension>`. */
  extension: string;
}

/** What each document is sent as, and the extension of its file name. */
export const PACK_DOCUMENT_TYPES: Record<Exclude<PackFormat, 'json'>, { contentType: string; extension: string }> = {
  html: { contentType: 'text/html; charset=utf-8', extension: 'html' },
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
};

/**
 * A meeting's pack as a document: printable HTML, PDF or Word, each drawn from the pack alone
 * (so from its stamp), the same bytes for the same pack apart from its generation time.
 */
export async function renderMeetingPack(pack: MeetingPack, format: Exclude<PackFormat, 'json'>): Promise<RenderedPack> {
  const type = PACK_DOCUMENT_TYPES[format];
  switch (format) {
    case 'html':
      return { ...type, body: renderPackHtml(pack) };
    case 'pdf':
      return { ...type, body: await renderPackPdf(pack) };
    case 'docx':
      return { ...type, body: await renderPackDocx(pack) };
  }
}
