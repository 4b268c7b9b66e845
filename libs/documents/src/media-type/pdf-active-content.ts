import { createReadStream } from 'node:fs';

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
/** The keyword that opens a stream's bytes: after its dictionary's `>>`, then CRLF or LF (as the PDF standard has it). */
// eslint-disable-next-line no-control-regex -- NUL is one of PDF's white-space characters
const STREAM = /(?<=>>[\x00\t\n\f\r ]*)stream\r?\n/g;
const END_STREAM = 'endstream';
/** Kept from one chunk to the next, so a name or keyword split across two chunks is still seen (names are at most 127 bytes, 381 characters escaped). */
const OVERLAP = 512;

/**
 * What active content a PDF names, if any (the first found), or undefined.
 *
 * A conservative name scan of the objects, streaming through the file: it decodes #xx escapes
 * (/J#61vaScript is /JavaScript) and skips the bytes of streams (from `stream` to `endstream`),
 * where compressed images and page contents would match a short name like /JS by chance in
 * every few megabytes. So a script inside a compressed object stream is not seen by this scan;
 * the second line is how the tracker serves every file: as an attachment, with
 * `X-Content-Type-Options: nosniff`, never inline.
 */
export async function findPdfActiveContent(path: string): Promise<string | undefined> {
  let carry = '';
  let from = 0; // where scanning resumes in `carry`
  let inStream = false;
  let found: string | undefined;

  const scan = (text: string, final: boolean): void => {
    const limit = final ? text.length : Math.max(from, text.length - OVERLAP);
    let at = from;
    while (at < limit && found === undefined) {
      if (inStream) {
        const end = text.indexOf(END_STREAM, at);
        if (end === -1) {
          at = limit;
          break;
        }
        at = end + END_STREAM.length;
        inStream = false;
        continue;
      }
      STREAM.lastIndex = at;
      const stream = STREAM.exec(text);
      const stop = stream !== null && stream.index < limit ? stream.index : limit;
      found = activeNameIn(text, at, stop);
      if (stream !== null && stream.index < limit) {
        at = stream.index + stream[0].length;
        inStream = true;
      } else {
        at = limit;
      }
    }
    // A little before `at` too, so the look-behind of the stream keyword sees the `>>` before it.
    const keepFrom = Math.max(0, at - 64);
    carry = text.slice(keepFrom);
    from = at - keepFrom;
  };

  const source = createReadStream(path, { highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      // latin1: one character a byte, so offsets are byte offsets and no byte is ever invalid.
      scan(carry + chunk.toString('latin1'), false);
      if (found !== undefined) return found;
    }
    scan(carry, true);
    return found;
  } finally {
    source.destroy();
  }
}

/** The first active name starting in text[from, stop), described, or undefined. */
function activeNameIn(text: string, from: number, stop: number): string | undefined {
  NAME.lastIndex = from;
  for (let name = NAME.exec(text); name !== null && name.index < stop; name = NAME.exec(text)) {
    const decoded = name[1].includes('#') ? name[1].replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : name[1];
    const described = ACTIVE_NAMES.get(decoded);
    if (described !== undefined) return described;
  }
  return undefined;
}
