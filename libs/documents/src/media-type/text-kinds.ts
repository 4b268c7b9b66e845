import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { accepted, refused, type MediaTypeDecision } from './media-type-decision';
import { SCAN_CHUNK_BYTES } from './scan-chunk';
import type { StreamedScans } from './streamed-scans';

/**
 * Markup and script a browser would run or draw: the tags (after a `<`) and `javascript:`. They
 * are ASCII, and no byte of a UTF-8 multi-byte character is ASCII, so they are looked for in
 * the bytes themselves, ignoring the case of letters (Buffer.indexOf of `<` and `:`, then a
 * comparison): quicker than making text of every piece.
 */
const TAGS: ReadonlyArray<readonly [string, string]> = [
  ['!doctype', 'a web page (HTML)'],
  ['html', 'a web page (HTML)'],
  ['head', 'a web page (HTML)'],
  ['body', 'a web page (HTML)'],
  ['meta', 'a web page (HTML)'],
  ['iframe', 'a web page (HTML)'],
  ['object', 'a web page (HTML)'],
  ['embed', 'a web page (HTML)'],
  ['script', 'a script (JavaScript)'],
  ['svg', 'an SVG drawing'],
  ['?xml', 'an XML file'],
];
const JAVASCRIPT = 'javascript';
/** The longest marker, `javascript:`: this much of a piece is kept to be searched with the next. */
const LONGEST_MARKER = JAVASCRIPT.length + 1;

/** Whether `bytes` hold the lower-case ASCII `word` at `at`, in any case. */
function holds(bytes: Buffer, at: number, word: string): boolean {
  if (at < 0 || at + word.length > bytes.length) return false;
  for (let i = 0; i < word.length; i++) {
    const byte = bytes[at + i];
    const code = word.charCodeAt(i);
    if (byte !== code && !(code >= 0x61 && code <= 0x7a && byte === code - 0x20)) return false;
  }
  return true;
}

/** The first tag and the first `javascript:` that start before `startsBefore` (the JavaScript only when before the tag). */
interface Markers {
  tag?: { at: number; what: string };
  javascript?: number;
}

function markersIn(bytes: Buffer, startsBefore: number): Markers {
  let tag: Markers['tag'];
  for (let at = bytes.indexOf(0x3c); at !== -1 && at < startsBefore && tag === undefined; at = bytes.indexOf(0x3c, at + 1)) {
    const found = TAGS.find(([name]) => holds(bytes, at + 1, name));
    if (found) tag = { at, what: found[1] };
  }
  const end = Math.min(tag?.at ?? bytes.length, startsBefore);
  for (let colon = bytes.indexOf(0x3a, JAVASCRIPT.length); colon !== -1 && colon - JAVASCRIPT.length < end; colon = bytes.indexOf(0x3a, colon + 1)) {
    if (holds(bytes, colon - JAVASCRIPT.length, JAVASCRIPT)) return { tag, javascript: colon - JAVASCRIPT.length };
  }
  return { tag };
}

/** What a plan owner would call the file, by its first marker: a script before the first tag, else that tag. */
function describe({ tag, javascript }: Markers): string | undefined {
  return javascript !== undefined && (tag === undefined || javascript < tag.at) ? 'a script (JavaScript)' : tag?.what;
}

/**
 * The first marker of a piece that follows `tail` (the last bytes of the pieces before, already
 * searched): one that starts in the tail and runs into the piece is found in a small seam of the
 * two, the rest in the piece itself, so the piece is never copied (joining a tail to every
 * piece copied the whole upload once more, a third of the scan's time; see the bench).
 */
function firstMarkerAfter(tail: Buffer, piece: Buffer): string | undefined {
  const seam = tail.length > 0 ? markersIn(Buffer.concat([tail, piece.subarray(0, LONGEST_MARKER - 1)]), tail.length) : {};
  const own = markersIn(piece, piece.length);
  // In the piece's own places: what starts in the tail comes first (negative).
  const tag = seam.tag ? { at: seam.tag.at - tail.length, what: seam.tag.what } : own.tag;
  const javascript = seam.javascript !== undefined ? seam.javascript - tail.length : own.javascript;
  return describe({ tag, javascript });
}

/** The header fields of which a saved e-mail has at least two among its first lines. */
const MAIL_FIELDS = new Set(['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'received', 'return-path']);
/** How much of the start is read to find a saved e-mail's header. */
const HEAD_BYTES = 64 * 1024;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A file with no binary signature is kept only as text: UTF-8 (with or without a byte-order
 * mark) and no NUL byte anywhere. UTF-16 and the Windows code pages are not text here (the
 * caller says how to save as UTF-8): the tracker could not tell them from binary data. Then:
 * - a saved e-mail (`.eml`, message/rfc822) when its first lines are header fields, at least two
 *   of them the usual ones. Its parts may be HTML, or 8-bit text in an older character set:
 *   an e-mail is only ever downloaded, never shown, so only the NUL rule applies to its body;
 * - refused when it is HTML, SVG, XML or script (a browser would run or draw it);
 * - otherwise CSV when the name ends .csv, and plain text when not: the bytes decide that it is
 *   harmless text, the name only which text.
 * Answers undefined when the bytes are not text (in UTF-8).
 */
export async function decideText(path: string, fileName: string, streamed?: StreamedScans): Promise<MediaTypeDecision | undefined> {
  const head = await readHead(path);
  const mail = looksLikeSavedEmail(head);
  // What the upload's bytes showed as they came in, when that settles it; otherwise the file is read.
  const body: TextBody = streamed && (mail ? streamed.nulFree : streamed.cleanText) ? { kind: 'text' } : await readAsText(path, { utf8: !mail });
  if (body.kind === 'not-text') return undefined;
  if (mail) return accepted('message/rfc822');
  if (body.active) return refused(body.active, 'Save it as a PDF (Print, then Save as PDF) and attach that.');
  const start = head.subarray(head.subarray(0, 3).equals(BOM) ? 3 : 0);
  if (start.subarray(0, 2).toString('latin1') === '#!') return refused('a script (a program for a computer to run)', 'Copy the text into a document, save it as a PDF and attach that.');
  return accepted(fileName.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain');
}

type TextBody = { kind: 'not-text' } | { kind: 'text'; active?: string };

/**
 * One pass through the file: a NUL byte anywhere makes it not text, and so, with `utf8`, do
 * bytes that are not UTF-8; and markup is looked for. Stops at the first answer that settles it.
 */
async function readAsText(path: string, options: { utf8: boolean }): Promise<TextBody> {
  const scan = new TextScan(options.utf8 ? 'first-problem' : 'nul-only');
  const source = createReadStream(path, { highWaterMark: SCAN_CHUNK_BYTES });
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (scan.push(chunk)) break;
    }
    return scan.end();
  } finally {
    source.destroy();
  }
}

/**
 * The text checks, fed piece by piece: NUL bytes; bytes that are not UTF-8 (a character cut by
 * a piece's end carried to the next); and markup, with an overlap between pieces so a marker
 * split across two is seen. `first-problem` stops at the first of them (as a file is read);
 * `nul-only` looks for NUL bytes alone (a saved e-mail's body); `all` keeps looking past a
 * problem, for an upload as it streams in (whether it will be read as an e-mail is not known
 * yet), and only its clean answer is taken as it is (see StreamedScans).
 */
export class TextScan {
  nul = false;
  invalidUtf8 = false;
  active: string | undefined;
  private cutCharacter: Buffer = Buffer.alloc(0);
  private tail: Buffer = Buffer.alloc(0);

  constructor(private readonly mode: 'first-problem' | 'nul-only' | 'all') {}

  /** True once nothing later could change the answer. */
  push(chunk: Buffer): boolean {
    if (this.nul) return true;
    if (chunk.includes(0)) {
      this.nul = true;
      return true;
    }
    if (this.mode === 'nul-only') return false;
    if (!this.invalidUtf8 && !this.utf8(chunk) && this.mode === 'first-problem') return true;
    if (this.active === undefined) {
      this.active = firstMarkerAfter(this.tail, chunk);
      if (this.active !== undefined && this.mode === 'first-problem') return true; // refused whatever follows
      this.tail = chunk.length >= LONGEST_MARKER - 1 ? Buffer.from(chunk.subarray(-(LONGEST_MARKER - 1))) : Buffer.concat([this.tail, chunk]).subarray(-(LONGEST_MARKER - 1));
    }
    return false;
  }

  /**
   * Whether this piece keeps the text UTF-8 so far. A character cut by the last piece's end is
   * completed from this piece's first bytes apart, so the piece itself is never copied (UTF-8
   * is self-synchronising: whole characters after whole characters are UTF-8 exactly when each
   * part is).
   */
  private utf8(chunk: Buffer): boolean {
    let rest = chunk;
    if (this.cutCharacter.length > 0) {
      const lead = this.cutCharacter[0];
      const needed = (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2) - this.cutCharacter.length;
      if (chunk.length < needed) {
        this.cutCharacter = Buffer.concat([this.cutCharacter, chunk]);
        return true;
      }
      const character = Buffer.concat([this.cutCharacter, chunk.subarray(0, needed)]);
      this.cutCharacter = Buffer.alloc(0);
      if (!isUtf8(character)) return this.notUtf8();
      rest = chunk.subarray(needed);
    }
    const whole = wholeCharactersEnd(rest);
    if (!isUtf8(rest.subarray(0, whole))) return this.notUtf8();
    this.cutCharacter = Buffer.from(rest.subarray(whole));
    return true;
  }

  private notUtf8(): false {
    this.invalidUtf8 = true;
    return false;
  }

  end(): TextBody {
    // A character cut off at the very end is not UTF-8 either.
    if (this.cutCharacter.length > 0 && this.mode !== 'nul-only' && this.active === undefined) this.invalidUtf8 = true;
    if (this.nul || this.invalidUtf8) return { kind: 'not-text' };
    return this.active === undefined ? { kind: 'text' } : { kind: 'text', active: this.active };
  }

  /** Whole UTF-8 with no NUL and no markup: what reading the file again would find too. */
  get clean(): boolean {
    return !this.nul && !this.invalidUtf8 && this.active === undefined && this.cutCharacter.length === 0;
  }
}

/**
 * Where the last whole UTF-8 character of these bytes ends: before a lead byte whose
 * continuation bytes have not all come yet (they are in the next piece, or missing).
 */
function wholeCharactersEnd(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length; // no lead byte in the last four: invalid, and isUtf8 says so
}

/**
 * Text saved as UTF-16 (Notepad's "Unicode"), told by its byte-order mark before any signature
 * is read: file-type would take FF FE for the start of an MP3 recording.
 */
export async function isUtf16Text(path: string): Promise<boolean> {
  const head = await readHead(path, 2);
  return head.length === 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
}

async function readHead(path: string, length = HEAD_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(length);
    const { bytesRead } = await handle.read(head, 0, length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Whether the file starts with an e-mail's header (RFC 5322): every line up to the first blank
 * one a field (`Name: value`) or the continuation of one, and at least two of the usual fields.
 * An mbox "From " line before them is allowed (some mail programs save one).
 */
export function looksLikeSavedEmail(head: Buffer): boolean {
  const lines = head.toString('latin1').split(/\r?\n/);
  if (head.length === HEAD_BYTES) lines.pop(); // perhaps cut off half-way
  let at = lines[0]?.startsWith('From ') ? 1 : 0;
  const seen = new Set<string>();
  let fields = 0;
  for (; at < lines.length && lines[at] !== ''; at++) {
    const line = lines[at];
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (fields === 0) return false;
      continue;
    }
    const field = /^([!-9;-~]+):/.exec(line);
    if (field === null) return false;
    fields += 1;
    if (MAIL_FIELDS.has(field[1].toLowerCase())) seen.add(field[1].toLowerCase());
  }
  return seen.size >= 2;
}
