import { PdfActiveContentScan } from './pdf-active-content';
import { TextScan } from './text-kinds';

const PDF_SIGNATURE = Buffer.from('%PDF', 'latin1');

/**
 * The whole-file checks of the media-type decision (text: UTF-8, NUL bytes, markup; a PDF's
 * active content), run on an upload's bytes as they stream into the store, so that a large
 * file is not read a second time once it is held (see the bench, evidence_upload_ratio). Only a
 * clean answer is taken from here: anything these pieces found is decided again from the held
 * file by the same scanners, so the decision is the file's whatever the pieces were.
 */
export class StreamedScans {
  private readonly text = new TextScan('all');
  private textSettled = false;
  /** Undecided until the first four bytes have come; null when the upload does not start as a PDF does. */
  private pdf: PdfActiveContentScan | null | undefined;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private pdfFound: string | undefined;
  private ended = false;

  push(chunk: Buffer): void {
    if (!this.textSettled) this.textSettled = this.text.push(chunk);
    if (this.pdf === undefined) {
      this.pending.push(Buffer.from(chunk));
      this.pendingBytes += chunk.length;
      if (this.pendingBytes < PDF_SIGNATURE.length) return;
      const start = Buffer.concat(this.pending);
      this.pending = [];
      this.pdf = start.subarray(0, PDF_SIGNATURE.length).equals(PDF_SIGNATURE) ? new PdfActiveContentScan() : null;
      this.pdf?.push(start);
      return;
    }
    this.pdf?.push(chunk);
  }

  /** After the last piece. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.text.end();
    if (this.pdf === undefined) this.pdf = null; // fewer than four bytes: not a PDF
    this.pdfFound = this.pdf?.end();
  }

  /** Whole UTF-8, no NUL byte, no markup. */
  get cleanText(): boolean {
    return this.ended && this.text.clean;
  }

  /** No NUL byte anywhere (all a saved e-mail's body is asked). */
  get nulFree(): boolean {
    return this.ended && !this.text.nul;
  }

  /** A PDF whose name scan found no active content. */
  get cleanPdf(): boolean {
    return this.ended && this.pdf !== null && this.pdf !== undefined && this.pdfFound === undefined;
  }
}
