import type { MeetingPack } from '@rag-ledger/contract';

export const PACK_FORMATS = ['json', 'html', 'pdf', 'docx'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];

export interface RenderedPack {
  body: Buffer | string;
  contentType: string;
  /** The file name's extension: `pack-<meetingId>.<extension>`. */
  extension: string;
}

/**
 * A meeting's pack as a document: printable HTML, PDF or Word.
 * PLACEHOLDER of the issue-20 contract commit: the pack-documents helper replaces it (keep the signature).
 */
export async function renderMeetingPack(pack: MeetingPack, format: Exclude<PackFormat, 'json'>): Promise<RenderedPack> {
  throw new Error(`the ${format} pack of meeting ${pack.meeting.id} is not built yet (issue 20)`);
}
