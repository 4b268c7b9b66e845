import type { Readable } from 'node:stream';
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { ZipFile } from 'yazl';
import type { MeetingPack } from '@rag-ledger/contract';
import { ukOffsetMs } from '@rag-ledger/domain';
import { renderTrendPng } from '../../../trends/render/trend-png';
import { renderTrendSvg, TREND_CHART_SIZE } from '../../../trends/render/trend-svg';
import { packBlocks, packFooterText, packTitle, type PackBlock } from './pack-blocks';

/** A4 in twentieths of a point, less Word's default inch margins: the width a table spans. */
const A4_WIDTH = 11906;
const MARGIN = 1440;
const CONTENT_WIDTH = A4_WIDTH - 2 * MARGIN;
/** Half-points, as docx counts font sizes. */
const TABLE_FONT = 16;

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** Text runs of a cell or paragraph, its line breaks kept as Word breaks. */
function runs(text: string, options: { bold?: boolean; size?: number } = {}): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...options }));
}

function tableOf(block: Extract<PackBlock, { kind: 'table' }>): Table {
  const total = block.widths.reduce((a, b) => a + b, 0);
  const columnWidths = block.widths.map((w) => Math.round((w / total) * CONTENT_WIDTH));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: columnWidths[i], type: WidthType.DXA },
      shading: header ? { fill: 'E6E6E6' } : undefined,
      children: [new Paragraph({ children: runs(text, { bold: header, size: TABLE_FONT }) })],
    });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    rows: [
      // tableHeader: Word repeats the row at the top of each page the table runs onto.
      new TableRow({ tableHeader: true, cantSplit: true, children: block.header.map((h, i) => cell(h, i, true)) }),
      ...block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, i, false)) })),
    ],
  });
}

/** A trend's chart as a picture, the width of the text; `id` numbers the document's pictures (docx would count across documents). */
function chartOf(block: Extract<PackBlock, { kind: 'chart' }>, id: number): FileChild[] {
  const width = 600;
  const height = Math.round((width * TREND_CHART_SIZE.height) / TREND_CHART_SIZE.width);
  return [
    new Paragraph({
      children: [
        new ImageRun({
          // Word draws the SVG, the chart itself; versions that cannot draw SVG show the PNG of the same bars.
          type: 'svg',
          data: Buffer.from(renderTrendSvg(block.trend), 'utf8'),
          fallback: { type: 'png', data: renderTrendPng(block.trend) },
          transformation: { width, height },
          altText: { id: String(id), name: `trend-chart-${id}`, title: `${block.trend.title}: actions by status, month by month`, description: block.trend.description },
        }),
      ],
    }),
  ];
}

function childrenOf(block: PackBlock, chartId: () => number): FileChild[] {
  switch (block.kind) {
    case 'heading':
      // Word's own heading styles, so the navigation pane lists the sections.
      return [new Paragraph({ heading: HEADINGS[block.level], children: runs(block.text) })];
    case 'paragraph':
      return [new Paragraph({ spacing: { after: 120 }, children: runs(block.text, { bold: block.emphasis }) })];
    case 'table':
      return [tableOf(block), new Paragraph({ children: [] })];
    case 'chart':
      return chartOf(block, chartId());
  }
}

function footerOf(pack: MeetingPack): Footer {
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
        alignment: AlignmentType.LEFT,
        children: [
          new TextRun({ text: packFooterText(pack), size: 14 }),
          // Word fields, which Word fills in on each page: "Page 3 of 9".
          new TextRun({ children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 14 }),
        ],
      }),
    ],
  });
}

/**
 * The package's files as docx writes them, in its order. docx's Packer zips them with the time
 * of the call on every entry and no way to say otherwise, so the pack takes the files from
 * Packer's compiler (present on every docx 9 Packer, not in its types) and zips them itself.
 */
function compile(document: Document): Map<string, string | Uint8Array> {
  const compiler = (Packer as unknown as { compiler?: { compile(file: Document, prettify: undefined, overrides: []): Map<string, string | Uint8Array> } }).compiler;
  if (typeof compiler?.compile !== 'function') throw new Error('this docx version has no Packer compiler: the Word pack cannot be made reproducible');
  return compiler.compile(document, undefined, []);
}

/** docx writes "now" as the document's created and modified times: the pack's are its generation time. */
function withCoreTimes(coreXml: string, generatedAt: string): string {
  const at = `${new Date(generatedAt).toISOString().slice(0, 19)}Z`;
  return coreXml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${at}$3`);
}

/**
 * The entries' time: the generation time on the UK wall clock. A ZIP entry's DOS time has no
 * zone and yazl writes it from the local fields of a Date, so the Date is made from the UK
 * fields (and yazl's zoned extra timestamp is left out): the same bytes on any server.
 */
function entryTime(generatedAt: string): Date {
  const instant = new Date(generatedAt).getTime();
  const wall = new Date(instant + ukOffsetMs(instant));
  return new Date(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds());
}

async function zip(files: Map<string, string | Uint8Array>, mtime: Date): Promise<Buffer> {
  const archive = new ZipFile();
  const chunks: Buffer[] = [];
  const output = archive.outputStream as Readable;
  const done = new Promise<Buffer>((resolve, reject) => {
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    output.on('end', () => resolve(Buffer.concat(chunks)));
    output.on('error', reject);
  });
  for (const [path, data] of files) archive.addBuffer(Buffer.from(data), path, { mtime, mode: 0o100644, compress: true, forceDosTimestamp: true });
  archive.end();
  return done;
}

/**
 * The meeting's pack as a Word document (docx): the HTML pack's sections under Word's heading
 * styles, tables whose header row repeats on each page, RAG in words, each trend's chart (SVG,
 * with a PNG copy for Word versions without SVG), description and data table, and on every page a footer with the stamp, the issue time and "Page n of N".
 * Created and modified are the pack's generatedAt, and so are the ZIP's entry times: the same
 * pack with the same generatedAt gives the same bytes.
 */
export async function renderPackDocx(pack: MeetingPack): Promise<Buffer> {
  let charts = 0;
  const chartId = () => ++charts;
  const document = new Document({
    title: packTitle(pack),
    subject: `Meeting pack. ${packFooterText(pack)}`,
    creator: pack.board.name,
    lastModifiedBy: pack.board.name,
    description: `The pack issued for ${pack.meeting.title} (${pack.meeting.date}).`,
    styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
    sections: [
      {
        properties: { page: { size: { width: A4_WIDTH, height: 16838 }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: { default: footerOf(pack) },
        children: packBlocks(pack).flatMap((block) => childrenOf(block, chartId)),
      },
    ],
  });
  const files = compile(document);
  const core = files.get('docProps/core.xml');
  if (typeof core === 'string') files.set('docProps/core.xml', withCoreTimes(core, pack.generatedAt));
  return zip(files, entryTime(pack.generatedAt));
}
