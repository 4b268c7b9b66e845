import type { MeetingPack } from '@rag-ledger/contract';

/**
 * The meeting's pack as one printable, self-contained HTML page.
 * PLACEHOLDER of the issue-20 contract commit: the pack helper replaces it (keep the signature).
 */
export function renderPackHtml(pack: MeetingPack): string {
  throw new Error(`the HTML pack of meeting ${pack.meeting.id} is not built yet (issue 20)`);
}
