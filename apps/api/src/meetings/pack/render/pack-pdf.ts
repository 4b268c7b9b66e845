import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { MeetingPack } from '@rag-ledger/contract';
import { packBlocks, packFooterText, packTitle, type PackBlock } from './pack-blocks';
import { winAnsiText } from './pdf-text';
import { pdfTrendChart } from './pdf-trend-chart';

/** A4 in points, and the margins: the footer sits in the bottom one. */
const A4_WIDTH = 595.28;
const MARGIN = 40;
const CONTENT_WIDTH = A4_WIDTH - 2 * MARGIN;

/** pdfkit's own Helvetica (a standard PDF font): nothing to load, nothing committed. */
const FONTS = { Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' } };
const STANDARD_FONT_NAMES = new Set(Object.values(FONTS.Helvetica));

function tableOf(block: Extract<PackBlock, { kind: 'table' }>): Content {
  const total = block.widths.reduce((a, b) => a + b, 0);
  // Absolute widths, shared out by weight, less each cell's padding (pdfmake adds 8 pt a column).
  const widths = block.widths.map((w) => Math.max(12, (w / total) * CONTENT_WIDTH - 8));
  const header: TableCell[] = block.header.map((h) => ({ text: winAnsiText(h), bold: true, fillColor: '#e6e6e6' }));
  const rows: TableCell[][] = block.rows.map((row) => row.map((cell) => ({ text: winAnsiText(cell) })));
  return {
    fontSize: 7.5,
    margin: [0, 2, 0, 8],
    // headerRows repeats the header on every page a table runs onto; never a header alone at a page's foot.
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths, body: [header, ...rows] },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#999999', vLineColor: () => '#999999' },
  };
}

function contentOf(block: PackBlock): Content {
  switch (block.kind) {
    case 'heading':
      return { text: winAnsiText(block.text), style: `h${block.level}` };
    case 'paragraph':
      return { text: winAnsiText(block.text), bold: block.emphasis ?? false, margin: [0, 0, 0, 4] };
    case 'table':
      return tableOf(block);
    case 'chart':
      return pdfTrendChart(block.trend, CONTENT_WIDTH);
  }
}

/** The pdfmake document of the pack: exported for the tests that check its layout choices. */
export function packPdfDefinition(pack: MeetingPack): TDocumentDefinitions {
  const footerText = winAnsiText(packFooterText(pack));
  const generated = new Date(pack.generatedAt);
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN, MARGIN, MARGIN, 48],
    // The document's dates are the copy's generation time, never "now": with them pdfkit's file
    // ID (a hash of the document information) is the same for two copies of one pack too.
    info: { title: winAnsiText(packTitle(pack)), author: winAnsiText(pack.board.name), subject: `Meeting pack. ${footerText}`, creationDate: generated, modDate: generated },
    defaultStyle: { font: 'Helvetica', fontSize: 9, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 6] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 4] },
    },
    footer: (currentPage: number, pageCount: number): Content => ({
      margin: [MARGIN, 12, MARGIN, 0],
      fontSize: 7,
      columns: [
        { text: footerText, width: '*' },
        { text: `Page ${currentPage} of ${pageCount}`, width: 'auto', alignment: 'right' },
      ],
    }),
    content: packBlocks(pack).map(contentOf),
  };
}

/**
 * The meeting's pack as an A4 PDF (pdfmake): the HTML pack's sections, tables with their
 * header repeated on each page, RAG in words, the trends as vector charts, and on every page
 * "Page n of N" with the pack's stamp and issue time. The same pack with the same generatedAt
 * gives the same bytes.
 */
export async function renderPackPdf(pack: MeetingPack): Promise<Buffer> {
  pdfmake.setFonts(FONTS);
  // The pack loads no image, font or file from anywhere: refuse every URL, and every local
  // path but the standard fonts' names (pdfmake asks the policy about those too).
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => STANDARD_FONT_NAMES.has(path));
  return pdfmake.createPdf(packPdfDefinition(pack)).getBuffer();
}
