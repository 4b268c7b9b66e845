import { open } from 'node:fs/promises';
import type { EvidenceMediaType } from '@rag-ledger/contract';

/**
 * INTERIM, until libs/documents' decideMediaType (i17-store) is merged: a PDF, a PNG, or short
 * plain UTF-8 text; everything else refused. Replaced by the re-export of the real decision.
 */
export async function decideMediaType(path: string, fileName: string): Promise<{ accepted: true; mediaType: EvidenceMediaType } | { accepted: false; reason: string }> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.subarray(0, 5).toString('latin1') === '%PDF-') return { accepted: true, mediaType: 'application/pdf' };
    if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { accepted: true, mediaType: 'image/png' };
    const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
    if (!text.includes('\uFFFD') && !text.includes('\u0000') && !/<(html|script|svg|!doctype)/i.test(text)) {
      return { accepted: true, mediaType: fileName.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain' };
    }
    return { accepted: false, reason: 'This file is not one of the kinds of evidence the tracker keeps.' };
  } finally {
    await handle.close();
  }
}
