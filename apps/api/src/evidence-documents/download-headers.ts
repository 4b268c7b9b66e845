import type { Response } from 'express';
import type { EvidenceView } from '@rag-ledger/contract';

/**
 * `attachment; filename="<ASCII>"; filename*=UTF-8''<percent-encoded>` (RFC 6266, RFC 8187):
 * every browser saves the file under its own name, and one that reads only `filename` gets a
 * plain-ASCII spelling of it. Written here rather than taken from the `content-disposition`
 * package, which is only express's dependency (not ours) and falls back to Latin-1, not ASCII.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Text was checked to be UTF-8 when it was attached; everything else is sent as the bytes decided it to be. */
const contentTypeOf = (mediaType: string) => (mediaType.startsWith('text/') ? `${mediaType}; charset=utf-8` : mediaType);

/**
 * The headers of a download. Nothing uploaded is ever shown inline: it is an attachment, the
 * browser may not guess another type (nosniff), and were it opened anyway it runs in a sandbox
 * with nothing allowed. `private, no-store` as every API answer: a council's evidence must not
 * stay in a shared browser's or a proxy's cache; the strong ETag (the SHA-256, so the same bytes
 * have the same tag wherever they are) still lets a client that kept its own copy ask If-None-Match.
 */
export function setDownloadHeaders(res: Response, document: EvidenceView): void {
  res.setHeader('Content-Type', contentTypeOf(document.mediaType));
  res.setHeader('Content-Disposition', attachmentDisposition(document.fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('ETag', `"${document.sha256}"`);
}

/** Whether If-None-Match names this strong tag (or any, `*`). */
export function matchesIfNoneMatch(header: string | undefined, sha256: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === `"${sha256}"`;
  });
}
