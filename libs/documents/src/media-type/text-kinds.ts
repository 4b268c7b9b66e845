import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { accepted, refused, type MediaTypeDecision } from './media-type-decision';

/** Markup and script a browser would run or draw, each with what a plan owner would call the file. */
const ACTIVE_TEXT: ReadonlyArray<readonly [string, string]> = [
  ['<!doctype', 'a web page (HTML)'],
  ['<html', 'a web page (HTML)'],
  ['<head', 'a web page (HTML)'],
  ['<body', 'a web page (HTML)'],
  ['<meta', 'a web page (HTML)'],
  ['<iframe', 'a web page (HTML)'],
  ['<object', 'a web page (HTML)'],
  ['<embed', 'a web page (HTML)'],
  ['<script', 'a script (JavaScript)'],
  ['javascript:', 'a script (JavaScript)'],
  ['<svg', 'an SVG drawing'],
  ['<?xml', 'an XML file'],
];
const LONGEST_MARKER = Math.max(...ACTIVE_TEXT.map(([marker]) => marker.length));

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
export async function decideText(path: string, fileName: string): Promise<MediaTypeDecision | undefined> {
  const head = await readHead(path);
  const mail = looksLikeSavedEmail(head);
  const body = await readAsText(path, { utf8: !mail });
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
 * bytes that are not UTF-8; and markup is looked for (lower-cased, with an overlap between
 * chunks so a marker split across two is seen). Stops at the first answer that settles it.
 */
async function readAsText(path: string, options: { utf8: boolean }): Promise<TextBody> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let tail = '';
  const source = createReadStream(path, { highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (chunk.includes(0)) return { kind: 'not-text' };
      if (!options.utf8) continue;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        return { kind: 'not-text' };
      }
      const window = tail + text.toLowerCase();
      const active = earliestMarker(window);
      if (active !== undefined) return { kind: 'text', active }; // refused whatever follows
      tail = window.slice(-(LONGEST_MARKER - 1));
    }
    if (options.utf8) {
      try {
        decoder.decode(); // a character cut off at the end
      } catch {
        return { kind: 'not-text' };
      }
    }
    return { kind: 'text' };
  } finally {
    source.destroy();
  }
}

/** What the first marker in the text says the file is (an SVG with a script in it is an SVG drawing). */
function earliestMarker(text: string): string | undefined {
  let first: { at: number; what: string } | undefined;
  for (const [marker, what] of ACTIVE_TEXT) {
    const at = text.indexOf(marker);
    if (at !== -1 && (first === undefined || at < first.at)) first = { at, what };
  }
  return first?.what;
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
