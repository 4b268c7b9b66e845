/**
 * Evidence files built in code for the tests (no committed binaries): each builder makes the
 * smallest file of its kind that the real readers accept, or a hostile one on purpose.
 */
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { crc32, deflateSync } from 'node:zlib';
import * as CFB from 'cfb';
import { ZipFile } from 'yazl';

// ---------- PDF ----------

/**
 * A one-page PDF with a correct cross-reference table. `catalog`: more entries for the
 * catalog (e.g. an /OpenAction); `streams`: more stream objects with these bytes (e.g. image data).
 */
export function pdf(options: { catalog?: string; streams?: Buffer[]; text?: string } = {}): Buffer {
  const text = `BT /F1 12 Tf 72 720 Td (${(options.text ?? 'Board minutes, 12 November 2013').replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects: Buffer[] = [
    `<< /Type /Catalog /Pages 2 0 R${options.catalog ? ` ${options.catalog}` : ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ].map((object) => Buffer.from(object, 'latin1'));
  for (const bytes of options.streams ?? []) {
    objects.push(Buffer.concat([Buffer.from(`<< /Length ${bytes.length} >>\nstream\n`, 'latin1'), bytes, Buffer.from('\nendstream', 'latin1')]));
  }
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), object, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(offset);
    parts.push(part);
    offset += part.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

// ---------- images ----------

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A 2×2 RGB PNG: signature, IHDR, one zlib-compressed IDAT, IEND, each with its CRC. */
export function png(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0); // width
  header.writeUInt32BE(2, 4); // height
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter, no interlace
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]); // filter byte, then RGB RGB, per row
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A 1×1 grey baseline JPEG (JFIF), the well-known smallest one (Chromium decodes it). */
export function jpeg(): Buffer {
  return Buffer.from(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
    'base64',
  );
}

/** A 1×1 GIF89a. */
export function gif(): Buffer {
  return Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
}

// ---------- ZIP-based: OOXML, OpenDocument, plain ZIP ----------

type ZipEntry = { name: string; content: Buffer | string | Readable; compress?: boolean };

export function zip(entries: ZipEntry[]): Promise<Buffer> {
  const file = new ZipFile();
  for (const entry of entries) {
    const options = { compress: entry.compress ?? true, mtime: new Date('2013-11-12T10:00:00Z') };
    if (entry.content instanceof Readable) file.addReadStream(entry.content, entry.name, options);
    else file.addBuffer(Buffer.from(entry.content), entry.name, options);
  }
  file.end();
  return buffer(file.outputStream);
}

const OOXML = {
  docx: { main: 'word/document.xml', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', root: '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>' },
  docm: { main: 'word/document.xml', type: 'application/vnd.ms-word.document.macroEnabled.main+xml', root: '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>' },
  xlsx: { main: 'xl/workbook.xml', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', root: '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>' },
  pptx: { main: 'ppt/presentation.xml', type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml', root: '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>' },
} as const;

/** An Office Open XML package: [Content_Types].xml (naming the main part's type, which is what file-type reads), the relationships, the main part. */
export function ooxml(kind: keyof typeof OOXML): Promise<Buffer> {
  const { main, type, root } = OOXML[kind];
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return zip([
    {
      name: '[Content_Types].xml',
      content:
        `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        `<Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="${type}"/></Types>`,
    },
    {
      name: '_rels/.rels',
      content:
        `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/></Relationships>`,
    },
    { name: main, content: `${xml}${root}` },
  ]);
}

const ODF = { odt: 'text', ods: 'spreadsheet', odp: 'presentation' } as const;

/** An OpenDocument file: the `mimetype` entry first and stored (not compressed), then the content. */
export function openDocument(kind: keyof typeof ODF): Promise<Buffer> {
  return zip([
    { name: 'mimetype', content: `application/vnd.oasis.opendocument.${ODF[kind]}`, compress: false },
    { name: 'content.xml', content: '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3"/>' },
  ]);
}

/** A stream of `total` zero bytes, made as it is read (nothing of that size is ever held). */
export function zeros(total: number, chunk = 1024 * 1024): Readable {
  let left = total;
  const block = Buffer.alloc(chunk);
  return new Readable({
    read() {
      if (left === 0) return this.push(null);
      const size = Math.min(left, chunk);
      left -= size;
      this.push(size === chunk ? block : block.subarray(0, size));
    },
  });
}

/** A ZIP bomb dressed as a Word document: a [Content_Types].xml of `inflated` zero bytes (a few hundred KB compressed). */
export function zipBombAsDocx(inflated: number): Promise<Buffer> {
  return zip([
    { name: '[Content_Types].xml', content: zeros(inflated) },
    { name: 'word/document.xml', content: '<w:document/>' },
  ]);
}

// ---------- compound files (OLE2): Word, Excel, PowerPoint 97-2003, Outlook .msg ----------

/** A compound file with these streams (path → bytes), written by the `cfb` package. */
export function compoundFile(streams: Record<string, Buffer | string>): Buffer {
  const container = CFB.utils.cfb_new();
  for (const [path, content] of Object.entries(streams)) CFB.utils.cfb_add(container, path, Buffer.from(content));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

const SUMMARY = '\u0005SummaryInformation';

export const word97 = (extra: Record<string, Buffer | string> = {}) => compoundFile({ '/WordDocument': Buffer.alloc(4096, 1), '/1Table': Buffer.alloc(512, 2), [`/${SUMMARY}`]: Buffer.alloc(64, 3), ...extra });
export const excel97 = () => compoundFile({ '/Workbook': Buffer.alloc(4096, 1), [`/${SUMMARY}`]: Buffer.alloc(64, 3) });
export const powerPoint97 = () => compoundFile({ '/PowerPoint Document': Buffer.alloc(4096, 1), '/Current User': Buffer.alloc(64, 2) });
/** An Outlook message: properties, a subject, and an attached Word document (whose WordDocument stream is not at the top). */
export const outlookMessage = () =>
  compoundFile({
    '/__properties_version1.0': Buffer.alloc(64, 1),
    '/__substg1.0_0037001F': Buffer.from('Board minutes\0', 'utf16le'),
    '/__substg1.0_1000001F': Buffer.from('Please find the minutes attached.\0', 'utf16le'),
    '/__attach_version1.0_#00000000/__substg1.0_3701000D/WordDocument': Buffer.alloc(4096, 1),
  });
/** Like a Windows installer: a summary and tables, but none of the streams of a document. */
export const installerLike = () => compoundFile({ [`/${SUMMARY}`]: Buffer.alloc(64, 3), '/\u4840\u3b3f\u4577': Buffer.alloc(1024, 4), '/Property': Buffer.alloc(512, 5) });

// ---------- text and others ----------

export const savedEmail = (body = 'The board was re-established on 12 November 2013.\r\n') =>
  Buffer.from(
    [
      'Return-Path: <clerk@norfolk.gov.uk>',
      'Received: from mail.norfolk.gov.uk by mx.example;',
      '\tTue, 12 Nov 2013 10:00:00 +0000',
      'From: "Board Clerk" <clerk@norfolk.gov.uk>',
      'To: plan.owner@norfolk.gov.uk',
      'Subject: LSCB minutes',
      'Date: Tue, 12 Nov 2013 10:00:00 +0000',
      'Message-ID: <20131112100000.1@norfolk.gov.uk>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
    ].join('\r\n'),
  );

/** The start of a Windows program: "MZ", the DOS header (with its NUL bytes), the PE signature. */
export function windowsProgram(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c); // where the PE header is
  bytes.write('PE\0\0', 0x80, 'latin1');
  bytes.writeUInt16LE(0x14c, 0x84); // i386
  return bytes;
}
