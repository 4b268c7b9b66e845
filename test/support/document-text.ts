/**
 * Reading the documents the API renders back as text, the way a reader's tools do: a PDF with
 * poppler's pdftotext and pdfinfo (installed by .ci/run), a Word document with mammoth, and the
 * parts of a .docx mammoth does not read (its footers, properties) straight from the package.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import * as mammoth from 'mammoth';

function withPdfFile<T>(pdf: Buffer, read: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'rag-ledger-pdf-'));
  try {
    const file = join(dir, 'pack.pdf');
    writeFileSync(file, pdf);
    return read(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each page's text as laid out (pdftotext -layout), split on its form feeds. */
export function pdfPages(pdf: Buffer): string[] {
  const text = withPdfFile(pdf, (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  const pages = text.split('\f');
  if (pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

/** The text in the order it was written (pdftotext -raw), with its white space made single spaces: a table cell's wrapped lines read on. */
export function pdfFlowText(pdf: Buffer): string {
  return withPdfFile(pdf, (file) => execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })).replace(/\s+/g, ' ');
}

/** pdfinfo's fields (dates as ISO 8601). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const text = withPdfFile(pdf, (file) => execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' }));
  return Object.fromEntries(text.split('\n').filter((line) => line.includes(':')).map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]));
}

export async function docxText(docx: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer: docx })).value;
}

export async function docxHtml(docx: Buffer): Promise<string> {
  return (await mammoth.convertToHtml({ buffer: docx })).value;
}

/** One part of the .docx package (word/footer1.xml, docProps/core.xml...) as text. */
export function docxPart(docx: Buffer, path: string): string {
  const files = unzipSync(new Uint8Array(docx), { filter: (file) => file.name === path });
  if (!files[path]) throw new Error(`the Word document has no ${path}`);
  return strFromU8(files[path]);
}

/** Every entry's DOS date and time, read from the ZIP's central directory (YYYY-MM-DD HH:MM:SS). */
export function zipEntryTimes(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const times: string[] = [];
  for (let i = 0; i < count; i++) {
    const time = zip.readUInt16LE(offset + 12);
    const date = zip.readUInt16LE(offset + 14);
    const pad = (n: number) => String(n).padStart(2, '0');
    times.push(`${1980 + (date >> 9)}-${pad((date >> 5) & 15)}-${pad(date & 31)} ${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}`);
    offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return times;
}
