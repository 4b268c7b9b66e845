import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { decideMediaType, readCompoundFileTop, StreamedScans } from '@rag-ledger/documents';
import { SCAN_CHUNK_BYTES } from '../../libs/documents/src/media-type/scan-chunk';
import {
  compoundFile,
  excel97,
  gif,
  installerLike,
  jpeg,
  ooxml,
  openDocument,
  outlookMessage,
  pdf,
  png,
  powerPoint97,
  savedEmail,
  windowsProgram,
  word97,
  zip,
  zipBombAsDocx,
} from '../support/evidence-files';

const CHUNK = SCAN_CHUNK_BYTES; // the scanners' read size: markers are placed across it on purpose
/** Pieces an upload may arrive in: a byte at a time, odd sizes, a network read, the scanners' own size and past it. */
const PIECE_SIZES = [1, 3, 7, 1000, 64 * 1024, CHUNK - 1, CHUNK + 5, 1024 * 1024];

/** The streamed checks over these bytes in pieces of `size` (a copy each, as a stream hands them over). */
function streamedScansOf(bytes: Buffer, size: number | number[]): StreamedScans {
  const scans = new StreamedScans();
  const sizes = Array.isArray(size) ? size : [size];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const length = Math.max(1, sizes[i % sizes.length]);
    scans.push(Buffer.from(bytes.subarray(at, at + length)));
    at += length;
  }
  scans.end();
  return scans;
}

describe('decideMediaType: the kind of evidence, from the bytes', () => {
  let dir: string;
  let count = 0;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'rag-ledger-media-type-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Writes the bytes to a holding file of their own (named neutrally, as the store does) and
   * decides; and checks, for every file these specs decide, that the checks run on the bytes
   * as an upload streams them in (in pieces of sizes that differ from file to file) come to the
   * same decision as the file read afresh.
   */
  async function decide(bytes: Buffer | Promise<Buffer>, fileName: string) {
    const path = join(dir, `upload-${++count}`);
    const data = await bytes;
    writeFileSync(path, data);
    const fromFile = await decideMediaType(path, fileName);
    expect(await decideMediaType(path, fileName, streamedScansOf(data, PIECE_SIZES[count % PIECE_SIZES.length]))).toEqual(fromFile);
    return fromFile;
  }
  const refusal = async (bytes: Buffer | Promise<Buffer>, fileName: string) => {
    const decision = await decide(bytes, fileName);
    if (decision.accepted) throw new Error(`${fileName} was accepted as ${decision.mediaType}`);
    return decision.reason;
  };

  describe('the kinds kept', () => {
    it.each([
      ['a PDF', () => pdf(), 'LSCB minutes.pdf', 'application/pdf'],
      ['a PNG image', png, 'chart.png', 'image/png'],
      ['a JPEG image', jpeg, 'photo of the notice board.jpg', 'image/jpeg'],
      ['a Word document', () => ooxml('docx'), 'procedure.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['an Excel workbook', () => ooxml('xlsx'), 'returns.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['a PowerPoint presentation', () => ooxml('pptx'), 'board.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
      ['an OpenDocument text', () => openDocument('odt'), 'report.odt', 'application/vnd.oasis.opendocument.text'],
      ['an OpenDocument spreadsheet', () => openDocument('ods'), 'figures.ods', 'application/vnd.oasis.opendocument.spreadsheet'],
      ['an OpenDocument presentation', () => openDocument('odp'), 'slides.odp', 'application/vnd.oasis.opendocument.presentation'],
      ['a Word 97-2003 document', () => word97(), 'old procedure.doc', 'application/msword'],
      ['an Excel 97-2003 workbook', excel97, 'old returns.xls', 'application/vnd.ms-excel'],
      ['a PowerPoint 97-2003 presentation', powerPoint97, 'old slides.ppt', 'application/vnd.ms-powerpoint'],
      ['an Outlook message (with a Word document attached inside it)', outlookMessage, 'RE minutes.msg', 'application/vnd.ms-outlook'],
      ['a saved e-mail', () => savedEmail(), 'minutes.eml', 'message/rfc822'],
      ['CSV in UTF-8, with £ and accents', () => Buffer.from('School,Cost\nSt Édouard’s,£1,200\nNaïve Lane,£300\n'), 'costs.CSV', 'text/csv'],
      ['plain text in UTF-8, with £ and accents', () => Buffer.from('Réunion du conseil: £2,000 agreed.\n'), 'note.txt', 'text/plain'],
      ['plain text with a byte-order mark', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Minutes\n')]), 'note.txt', 'text/plain'],
    ])('%s', async (_kind, bytes, fileName, mediaType) => {
      expect(await decide(bytes(), fileName)).toEqual({ accepted: true, mediaType });
    });

    it('answers the bytes’ kind when the name says another', async () => {
      expect(await decide(pdf(), 'report.docx')).toEqual({ accepted: true, mediaType: 'application/pdf' });
      expect(await decide(png(), 'minutes.pdf')).toEqual({ accepted: true, mediaType: 'image/png' });
      expect(await decide(ooxml('docx'), 'minutes.txt')).toEqual({ accepted: true, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
      expect(await decide(savedEmail(), 'minutes.txt')).toEqual({ accepted: true, mediaType: 'message/rfc822' });
    });

    it('takes the name only to tell CSV from plain text', async () => {
      const rows = Buffer.from('a,b\n1,2\n');
      expect(await decide(rows, 'figures.csv')).toEqual({ accepted: true, mediaType: 'text/csv' });
      expect(await decide(rows, 'figures.txt')).toEqual({ accepted: true, mediaType: 'text/plain' });
    });

    it('keeps text that happens to start like a signature ("BM" of a bitmap, "FORM" of a sound file, "MZ" of a program)', async () => {
      expect(await decide(Buffer.from('BMI,School,Year\n21.4,Acle,2013\n'), 'bmi.csv')).toEqual({ accepted: true, mediaType: 'text/csv' });
      expect(await decide(Buffer.from('FORM A completed by the social worker\n'), 'note.txt')).toEqual({ accepted: true, mediaType: 'text/plain' });
      expect(await decide(Buffer.from('MZ and JB met the family.\n'), 'visit.txt')).toEqual({ accepted: true, mediaType: 'text/plain' });
    });

    it('reads UTF-8 across the chunks it streams: a character split between two is still text', async () => {
      const text = Buffer.concat([Buffer.from('x'.repeat(CHUNK - 1)), Buffer.from('£'.repeat(50_000))]); // '£' is two bytes: the first ends the chunk
      expect(text[CHUNK - 1]).toBe(0xc2);
      expect(await decide(text, 'long.txt')).toEqual({ accepted: true, mediaType: 'text/plain' });
    });

    it('keeps a saved e-mail with an HTML part, or a body in an older 8-bit character set: an e-mail is downloaded, never shown', async () => {
      const html = savedEmail('<html><body><script>alert(1)</script>Minutes attached.</body></html>\r\n');
      expect(await decide(html, 'minutes.eml')).toEqual({ accepted: true, mediaType: 'message/rfc822' });
      const latin1 = Buffer.concat([savedEmail(''), Buffer.from('Co\xfbt: \xa3300\r\n', 'latin1')]);
      expect(await decide(latin1, 'minutes.eml')).toEqual({ accepted: true, mediaType: 'message/rfc822' });
    });

    it('keeps a PDF whose image data happens to hold the bytes of /JS or /JavaScript: stream contents are not names', async () => {
      const imageData = Buffer.concat([Buffer.from([0xff, 0x00, 0x13]), Buffer.from(' /JS /JavaScript /Launch ', 'latin1'), Buffer.from([0x9c, 0x00])]);
      expect(await decide(pdf({ streams: [imageData] }), 'scan.pdf')).toEqual({ accepted: true, mediaType: 'application/pdf' });
    });
  });

  describe('the kinds refused, with a reason for the plan owner', () => {
    it('refuses a web page named .txt, an SVG named .png, XML, and script', async () => {
      expect(await refusal(Buffer.from('<!DOCTYPE html>\n<html><body>Minutes</body></html>'), 'minutes.txt')).toMatch(
        /^This file is a web page \(HTML\), not one of the kinds of evidence the tracker keeps \(PDF, Word, .*\)\. Save it as a PDF/,
      );
      expect(await refusal(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'chart.png')).toMatch(/^This file is an SVG drawing/);
      expect(await refusal(Buffer.from('<?xml version="1.0"?><minutes/>'), 'minutes.txt')).toMatch(/^This file is an XML file/);
      expect(await refusal(Buffer.from('#!/bin/sh\nrm -rf ~\n'), 'notes.txt')).toMatch(/^This file is a script/);
      expect(await refusal(Buffer.from('Click <a href="javascript:alert(1)">here</a>'), 'notes.txt')).toMatch(/^This file is a script \(JavaScript\)/);
      expect(await refusal(Buffer.from('Minutes\n<IFRAME src="https://example.org">'), 'notes.csv')).toMatch(/web page/);
      expect(await refusal(Buffer.from('Minutes <ScRiPt>alert(1)</ScRiPt>'), 'notes.txt')).toMatch(/^This file is a script \(JavaScript\)/);
      expect(await refusal(Buffer.from('See JAVASCRIPT:void(0)'), 'notes.txt')).toMatch(/^This file is a script \(JavaScript\)/);
    });

    it('sees markup split across the chunks it streams', async () => {
      const text = Buffer.from(`${'a'.repeat(CHUNK - 3)}<script>alert(1)</script>`);
      expect(await refusal(text, 'long.txt')).toMatch(/^This file is a script \(JavaScript\)/);
      const link = Buffer.from(`${'a'.repeat(CHUNK - 4)}JavaScript:alert(1)`); // "Java" ends the first piece
      expect(link.indexOf('Script:')).toBe(CHUNK);
      expect(await refusal(link, 'long.txt')).toMatch(/^This file is a script \(JavaScript\)/);
    });

    it('refuses a PDF that carries JavaScript, plainly or #-escaped, or launches a program, or embeds files or media', async () => {
      const refusedPdf = (catalog: string) => refusal(pdf({ catalog }), 'minutes.pdf');
      expect(await refusedPdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>')).toMatch(/^This PDF carries JavaScript, which the tracker does not keep/);
      expect(await refusedPdf('/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>')).toMatch(/^This PDF carries JavaScript/);
      expect(await refusedPdf('/OpenAction << /S /#4A#53 (app.alert(1)) >>')).toMatch(/^This PDF carries JavaScript/);
      expect(await refusedPdf('/OpenAction << /S /Launch /F (cmd.exe) >>')).toMatch(/^This PDF carries an instruction to start a program/);
      expect(await refusedPdf('/Names << /EmbeddedFiles << /Names [(a.exe) 6 0 R] >> >>')).toMatch(/^This PDF carries files embedded in it/);
      expect(await refusedPdf('/AcroForm << /XFA 7 0 R >>')).toMatch(/XFA form/);
      expect(await refusedPdf('/Extra << /RichMedia 8 0 R >>')).toMatch(/embedded media/);
    });

    it('sees a PDF name split across the chunks it streams', async () => {
      // The document-level scripts' name tree: the only active name in the file.
      const withPadding = (pad: number) => pdf({ catalog: `/Pad (${'x'.repeat(pad)}) /Names << /JavaScript 6 0 R >>` });
      const at = withPadding(CHUNK).indexOf('/JavaScript');
      const straddling = withPadding(CHUNK - (at - (CHUNK - 4))); // "/Jav" ends the first chunk, "aScript" starts the next
      expect(straddling.indexOf('/JavaScript')).toBe(CHUNK - 4);
      expect(await refusal(straddling, 'minutes.pdf')).toMatch(/^This PDF carries JavaScript/);
    });

    it('refuses a plain ZIP, and a ZIP bomb named .docx (a 200 MB [Content_Types].xml), which file-type inflates no further than 1 MB', async () => {
      expect(await refusal(zip([{ name: 'minutes.pdf', content: pdf() }]), 'minutes.zip')).toMatch(/^This file is a ZIP archive, .* Attach the documents inside it one by one\.$/);
      const bomb = await zipBombAsDocx(200 * 1024 * 1024);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      expect(await refusal(bomb, 'procedure.docx')).toMatch(/^This file is a ZIP archive/);
    });

    it('refuses a Word document with macros, in either format', async () => {
      expect(await refusal(ooxml('docm'), 'procedure.docx')).toMatch(/^This file is a Word document with macros/);
      expect(await refusal(word97({ '/Macros/VBA/dir': Buffer.alloc(64, 1) }), 'procedure.doc')).toMatch(/^This file is a Word document with macros/);
    });

    it('refuses a program named .pdf, a GIF, NUL bytes, text that is not UTF-8', async () => {
      expect(await refusal(windowsProgram(), 'minutes.pdf')).toMatch(/^This file is a program/);
      expect(await refusal(gif(), 'chart.gif')).toMatch(/^This file is a GIF image, .* Save it as PNG or JPEG/);
      expect(await refusal(Buffer.alloc(2048), 'notes.txt')).toMatch(/^The tracker cannot tell what kind of file this is/);
      const windows1252 = Buffer.from('School,Cost\nAcle,\xa3300\n', 'latin1');
      expect(await refusal(windows1252, 'costs.csv')).toMatch(/save it again as UTF-8 \(in Excel: "CSV UTF-8"/);
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Minutes\n', 'utf16le')]);
      expect(await refusal(utf16, 'notes.txt')).toMatch(/^This file is text saved as UTF-16 .* Save it again as UTF-8/);
      expect(await refusal(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('\0M\0i')]), 'notes.txt')).toMatch(/UTF-16/);
      const cutOff = Buffer.from('Cost £', 'utf8').subarray(0, -1); // the last character's second byte lost
      expect(await refusal(cutOff, 'notes.txt')).toMatch(/nor text in UTF-8/);
    });

    it('refuses a compound file that is no document (an installer), one protected with a password, and a damaged one, without a crash', async () => {
      expect(await refusal(installerLike(), 'setup.doc')).toMatch(/^This file is a Windows compound file that is not a Word, Excel or PowerPoint document/);
      expect(await refusal(compoundFile({ '/EncryptionInfo': Buffer.alloc(256, 1), '/EncryptedPackage': Buffer.alloc(4096, 2) }), 'budget.xlsx')).toMatch(
        /^This document is protected with a password/,
      );

      const document = word97();
      expect(await refusal(document.subarray(0, 1536), 'procedure.doc')).toMatch(/^This file is damaged or incomplete/);
      expect(await refusal(document.subarray(0, 300), 'procedure.doc')).toMatch(/^This file is damaged or incomplete/);
    });

    it('does not follow a directory chain that loops back on itself', async () => {
      const looping = word97();
      const sectorSize = 1 << looping.readUInt16LE(0x1e);
      const directory = looping.readUInt32LE(0x30);
      const fat = looping.readUInt32LE(0x4c); // the first FAT sector
      looping.writeUInt32LE(directory, (fat + 1) * sectorSize + directory * 4); // the directory sector's successor is itself
      expect(await refusal(looping, 'procedure.doc')).toMatch(/^This file is damaged or incomplete/);
      const path = join(dir, 'looping');
      writeFileSync(path, looping);
      await expect(readCompoundFileTop(path)).rejects.toThrow('the directory chain loops');
    });
  });

  it('takes a clean text or PDF from the checks as the upload streamed in (no second read), and anything they found from the file again', async () => {
    const text = Buffer.from('School,Visit,Outcome\nAcle Primary,2013-11-12,Improving\n'.repeat(2000));
    expect(streamedScansOf(text, 4096).cleanText).toBe(true);
    expect(streamedScansOf(pdf(), 10).cleanPdf).toBe(true);
    expect(streamedScansOf(pdf({ catalog: '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>' }), 10).cleanPdf).toBe(false);
    expect(streamedScansOf(Buffer.from('<!doctype html><p>x</p>'), 2).cleanText).toBe(false);
    expect(streamedScansOf(Buffer.from('caf\xe9 au lait', 'latin1'), 3).cleanText).toBe(false); // not UTF-8
    expect(streamedScansOf(Buffer.from('caf\u00e9', 'utf8').subarray(0, 4), 1).cleanText).toBe(false); // a character cut off at the end
    expect(streamedScansOf(png(), 100).cleanPdf).toBe(false); // not a PDF at all
    expect(streamedScansOf(Buffer.from('%PD'), 1).cleanPdf).toBe(false); // too short to be one
  });

  it('decides the same from the streamed checks as from the file, whatever the pieces and wherever a marker falls', async () => {
    const marker = fc.constantFrom('<script>', '<SVG ', 'javascript:', '\u0000', '\xff', '');
    const textCase = fc.record({ at: fc.nat(3 * CHUNK), marker, sizes: fc.array(fc.integer({ min: 1, max: CHUNK + 10 }), { minLength: 1, maxLength: 5 }) });
    await fc.assert(
      fc.asyncProperty(textCase, async ({ at, marker, sizes }) => {
        const filler = Buffer.alloc(3 * CHUNK, 'Minutes of the board. ');
        const bytes = Buffer.concat([filler.subarray(0, at), Buffer.from(marker, marker === '\xff' ? 'latin1' : 'utf8'), filler.subarray(at)]);
        const path = join(dir, `streamed-${++count}`);
        writeFileSync(path, bytes);
        expect(await decideMediaType(path, 'notes.txt', streamedScansOf(bytes, sizes))).toEqual(await decideMediaType(path, 'notes.txt'));
      }),
      { numRuns: 60 },
    );
  });

  it('answers every damaged or truncated file with a decision, never an error (each fixture cut short, bytes overwritten)', async () => {
    const fixtures = [pdf(), png(), jpeg(), gif(), await ooxml('docx'), await ooxml('xlsx'), await openDocument('odt'), word97(), excel97(), outlookMessage(), savedEmail()];
    const damaged = fc.nat(fixtures.length - 1).chain((which) => {
      const whole = fixtures[which];
      const write = fc.tuple(fc.nat(whole.length - 1), fc.integer({ min: 0, max: 255 }));
      return fc.record({ length: fc.integer({ min: 1, max: whole.length }), writes: fc.array(write, { maxLength: 4 }) }).map(({ length, writes }) => {
        const bytes = Buffer.from(whole.subarray(0, length));
        for (const [at, value] of writes) if (at < length) bytes[at] = value;
        return bytes;
      });
    });
    await fc.assert(
      fc.asyncProperty(damaged, async (bytes) => {
        const decision = await decide(bytes, 'damaged.docx');
        expect(typeof (decision.accepted ? decision.mediaType : decision.reason)).toBe('string');
      }),
      { numRuns: 400 },
    );
  });

  it('refuses a Word document whose compressed parts are damaged, rather than failing', async () => {
    const document = await ooxml('docx');
    const start = document.indexOf('[Content_Types].xml') + '[Content_Types].xml'.length; // the entry's deflate data follows its name
    for (let at = start + 2; at < start + 12; at++) document[at] ^= 0x5a;
    const decision = await decide(document, 'procedure.docx');
    expect(decision.accepted).toBe(false);
  });

  it('reads a compound file’s top names only: an Outlook message’s attached Word document is inside it, not at its top', async () => {
    const path = join(dir, 'message');
    writeFileSync(path, outlookMessage());
    const names = (await readCompoundFileTop(path)).map((entry) => `${entry.kind} ${entry.name}`).sort();
    expect(names).toEqual(expect.arrayContaining(['stream __properties_version1.0', 'stream __substg1.0_0037001F', 'storage __attach_version1.0_#00000000']));
    expect(names).not.toContain('stream WordDocument');
    expect(readFileSync(path).length).toBeGreaterThan(512);
  });
});
