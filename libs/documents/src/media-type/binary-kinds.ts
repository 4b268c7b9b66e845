import type { EvidenceMediaType } from '@rag-ledger/contract';
import { refused, type MediaTypeDecision } from './media-type-decision';
import type { SniffedType } from './sniff-file-type';

/** The kinds file-type recognises that the tracker keeps as they are (PDF is scanned first; compound files are told apart). */
export const KEPT_BINARY_KINDS: ReadonlySet<EvidenceMediaType> = new Set<EvidenceMediaType>([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
]);

export const COMPOUND_FILE = 'application/x-cfb';

/**
 * Signatures of a few letters that a line of text may start with ("BM" for a bitmap, "MZ" for a
 * Windows program, "FORM" for AIFF sound): a file with one of these that is wholly text is text.
 * The real kinds always hold NUL bytes, which text never does.
 */
export const TEXT_LOOKALIKES: ReadonlySet<string> = new Set(['bmp', 'exe', 'aif']);

const ARCHIVES = new Set(['7z', 'rar', 'gz', 'tar', 'bz2', 'xz', 'zst', 'lz', 'lzh', 'cab', 'arj', 'Z', 'cpio', 'ar']);
const PROGRAMS = new Set(['exe', 'elf', 'macho', 'class', 'dex', 'wasm', 'msi', 'apk', 'jar', 'xpi', 'crx', 'deb', 'rpm', 'dmg', 'swf']);
const IMAGES = new Set(['gif', 'bmp', 'webp', 'tif', 'heic', 'avif', 'ico', 'icns', 'psd', 'jxl', 'jp2', 'cr2', 'nef', 'dng', 'arw']);
const MACROS: Record<string, string> = { docm: 'Word', dotm: 'Word', xlsm: 'Excel', xltm: 'Excel', pptm: 'PowerPoint', potm: 'PowerPoint', ppsm: 'PowerPoint' };

/** Why a kind file-type recognises is not kept, in a plan owner's words, with what to do instead. */
export function refusedKind(kind: SniffedType): MediaTypeDecision {
  const ext = kind.ext;
  if (ext === 'zip') return refused('a ZIP archive', 'Attach the documents inside it one by one.');
  if (ARCHIVES.has(ext)) return refused(`a compressed archive (.${ext})`, 'Attach the documents inside it one by one.');
  if (MACROS[ext]) return refused(`a ${MACROS[ext]} document with macros (programs that run when it is opened)`, 'Save a copy without macros (or as a PDF) and attach that.');
  if (PROGRAMS.has(ext)) return refused('a program, or a package of programs', 'The tracker keeps documents: attach the document itself.');
  if (IMAGES.has(ext)) return refused(`a ${ext.toUpperCase()} image`, 'Save it as PNG or JPEG and attach that.');
  if (ext === 'xml') return refused('an XML file', 'Save it as a PDF and attach that.');
  if (ext === 'rtf') return refused('a Rich Text (RTF) document', 'Save it as Word or PDF and attach that.');
  if (kind.mime.startsWith('video/') || kind.mime.startsWith('audio/')) return refused('a recording (sound or video)', 'Attach the minutes or a transcript instead.');
  if (kind.mime.startsWith('font/')) return refused('a font', 'The tracker keeps documents: attach the document itself.');
  return refused(`a file of another kind (.${ext})`, 'Save it as a PDF and attach that.');
}
