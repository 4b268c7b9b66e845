import { createReadStream } from 'node:fs';
import { SCAN_CHUNK_BYTES } from './scan-chunk';

/**
 * The PDF names that make a document do something when it is opened, or carry other files:
 * scripts (/JavaScript, /JS), starting a program (/Launch), embedded files (/EmbeddedFile,
 * /EmbeddedFiles), Flash and other media (/RichMedia), and XFA forms, which run scripts (/XFA).
 */
const ACTIVE_NAMES = new Map<string, string>([
  ['JavaScript', 'JavaScript'],
  ['JS', 'JavaScript'],
  ['Launch', 'an instruction to start a program'],
  ['EmbeddedFile', 'a file embedded in it'],
  ['EmbeddedFiles', 'files embedded in it'],
  ['RichMedia', 'embedded media (such as Flash)'],
  ['XFA', 'an XFA form, which can run scripts'],
]);

/** A name: a solidus, then regular characters (anything but white space and the delimiters). */
// eslint-disable-next-line no-control-regex -- NUL is one of PDF's white-space characters
const NAME = /\/([^\x00\t\n\f\r ()<>[\]{}/%]*)/g;
const STREAM = Buffer.from('stream', 'latin1');
const END_STREAM = Buffer.from('endstream', 'latin1');
/** Kept from one piece to the next, so a name or keyword split across two is still seen (names are at most 127 bytes, 381 characters escaped). */
const OVERLAP = 512;
/** Kept before the point reached, so a stream keyword's `>>` is seen when the keyword starts a piece. */
const LOOK_BEHIND = 64;
const isPdfWhiteSpace = (byte: number) => byte === 0x00 || byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d || byte === 0x20;

/**
 * What active content a PDF names, if any (the first found), or undefined.
 *
 * A conservative name scan of the objects, streaming through the file: it decodes #xx escapes
 * (/J#61vaScript is /JavaScript) and skips the bytes of streams (from a dictionary's `>>
 * stream` to `endstream`), where compressed images and page contents would match a short name
 * like /JS by chance every few megabytes. So a script inside a compressed object stream is not
 * seen by this scan; the second line is how the tracker serves every file: as an attachment,
 * with `X-Content-Type-Options: nosniff`, never inline. The bytes are searched as they are
 * (Buffer.indexOf); only the objects between streams become text, for the names.
 */
export async function findPdfActiveContent(path: string): Promise<string | undefined> {
  const scan = new PdfActiveContentScan();
  const source = createReadStream(path, { highWaterMark: SCAN_CHUNK_BYTES });
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (scan.push(chunk)) return scan.end();
    }
    return scan.end();
  } finally {
    source.destroy();
  }
}

/**
 * The same scan, fed piece by piece (from the file, or from an upload as it streams in, so a
 * large PDF is not read twice): `push` answers true once something is found; `end` gives the
 * answer. The pieces may be of any size: what a piece cannot settle is carried to the next.
 */
export class PdfActiveContentScan {
  private carry: Buffer = Buffer.alloc(0);
  /** Where scanning resumes in `carry`. */
  private from = 0;
  private inStream = false;
  private found: string | undefined;

  push(chunk: Buffer): boolean {
    if (this.found === undefined) this.scan(this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk, false);
    return this.found !== undefined;
  }

  end(): string | undefined {
    if (this.found === undefined) this.scan(this.carry, true);
    return this.found;
  }

  private scan(bytes: Buffer, final: boolean): void {
    const limit = final ? bytes.length : Math.max(this.from, bytes.length - OVERLAP);
    let at = this.from;
    while (at < limit && this.found === undefined) {
      if (this.inStream) {
        const end = bytes.indexOf(END_STREAM, at);
        if (end === -1) {
          at = limit;
          break;
        }
        at = end + END_STREAM.length;
        this.inStream = false;
        continue;
      }
      const stream = streamKeyword(bytes, at, limit);
      const stop = stream?.at ?? limit;
      // Up to the keyword, or to the end of what is here (a name starting before `limit` is whole in it).
      this.found = activeNameIn(bytes.toString('latin1', at, stream ? stop : bytes.length), stop - at);
      if (stream) {
        at = stream.bytesFrom;
        this.inStream = true;
      } else {
        at = limit;
      }
    }
    const keepFrom = Math.max(0, at - LOOK_BEHIND);
    // A copy: the piece it came from may be a pooled buffer that is reused.
    this.carry = Buffer.from(bytes.subarray(keepFrom));
    this.from = at - keepFrom;
  }
}

/**
 * The next `stream` keyword starting in bytes[from, limit) that opens a stream's bytes: after a
 * dictionary's `>>` (white space between), then CRLF or LF, as the PDF standard has it.
 * Answers where it starts and where the stream's bytes start.
 */
function streamKeyword(bytes: Buffer, from: number, limit: number): { at: number; bytesFrom: number } | undefined {
  for (let at = bytes.indexOf(STREAM, from); at !== -1 && at < limit; at = bytes.indexOf(STREAM, at + 1)) {
    const after = at + STREAM.length;
    const eol = bytes[after] === 0x0a ? 1 : bytes[after] === 0x0d && bytes[after + 1] === 0x0a ? 2 : 0;
    if (eol === 0) continue;
    let before = at - 1;
    while (before >= 0 && isPdfWhiteSpace(bytes[before])) before -= 1;
    if (before >= 1 && bytes[before] === 0x3e && bytes[before - 1] === 0x3e) return { at, bytesFrom: after + eol };
  }
  return undefined;
}

/** The first active name starting in text[0, stop), described, or undefined. */
function activeNameIn(text: string, stop: number): string | undefined {
  NAME.lastIndex = 0;
  for (let name = NAME.exec(text); name !== null && name.index < stop; name = NAME.exec(text)) {
    const decoded = name[1].includes('#') ? name[1].replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : name[1];
    const described = ACTIVE_NAMES.get(decoded);
    if (described !== undefined) return described;
  }
  return undefined;
}
