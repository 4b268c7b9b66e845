import { isEvidenceMediaType } from '@rag-ledger/contract';
import { COMPOUND_FILE, KEPT_BINARY_KINDS, refusedKind, TEXT_LOOKALIKES } from './binary-kinds';
import { decideCompoundFile } from './compound-kinds';
import { accepted, KINDS_KEPT, refused, type MediaTypeDecision } from './media-type-decision';
import { findPdfActiveContent } from './pdf-active-content';
import { sniffFileType, UNREADABLE } from './sniff-file-type';
import type { StreamedScans } from './streamed-scans';
import { decideText, isUtf16Text } from './text-kinds';

const SAVE_AS_UTF8 = 'Save it again as UTF-8 (in Excel: "CSV UTF-8"; in Notepad: Save As, Encoding UTF-8) and attach that.';
const NOT_RECOGNISED =
  `The tracker cannot tell what kind of file this is: it is not one of the kinds of evidence the tracker keeps (${KINDS_KEPT}), ` +
  'nor text in UTF-8. If it is text, save it again as UTF-8 (in Excel: "CSV UTF-8"; in Notepad: Save As, Encoding UTF-8); ' +
  'otherwise save it as a PDF; and attach that.';

/**
 * The media type of an upload, from its bytes (the holding file at `path`), never from its
 * name or the client's header: `fileName` only picks CSV or plain text for a file the bytes
 * show is harmless text. Reads the file in bounded pieces or streams, never whole.
 * An empty file is plain text here; the evidence decider refuses it with its own reason.
 * `streamed`: the whole-file checks as the upload streamed in (see StreamedScans), so a clean
 * large file is not read twice.
 */
export async function decideMediaType(path: string, fileName: string, streamed?: StreamedScans): Promise<MediaTypeDecision> {
  if (await isUtf16Text(path)) return refused('text saved as UTF-16 (Notepad calls it "Unicode")', SAVE_AS_UTF8);
  const kind = await sniffFileType(path);
  if (kind === undefined) return (await decideText(path, fileName, streamed)) ?? { accepted: false, reason: NOT_RECOGNISED };
  if (kind === UNREADABLE) return refused('damaged or incomplete: it starts like a document, but the rest cannot be read', 'Open it, save it again, and attach the saved copy.');
  if (kind.mime === 'application/pdf') {
    const active = streamed?.cleanPdf ? undefined : await findPdfActiveContent(path);
    if (active === undefined) return accepted('application/pdf');
    return {
      accepted: false,
      reason:
        `This PDF carries ${active}, which the tracker does not keep: a document an inspector opens must not run anything or hide other files. ` +
        'Print it to a new PDF (Print, then Save as PDF) and attach that.',
    };
  }
  if (isEvidenceMediaType(kind.mime) && KEPT_BINARY_KINDS.has(kind.mime)) return accepted(kind.mime);
  if (kind.mime === COMPOUND_FILE) return decideCompoundFile(path);
  if (TEXT_LOOKALIKES.has(kind.ext)) return (await decideText(path, fileName, streamed)) ?? refusedKind(kind);
  return refusedKind(kind);
}
