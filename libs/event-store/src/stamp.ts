/**
 * A stamp names one event of the log: its position and its hash, written
 * `<position>:<hash>` (for example `1042:9f2c…`, 64 hex digits). Packs print the stamp of
 * the log they were drawn from; checking it later against the log proves that the log
 * of today still holds that exact event at that position, i.e. that it extends the log
 * the pack was drawn from (an edit, a deletion of its end or a rewrite all show).
 */
export interface LogStamp {
  position: number;
  hash: string;
}

/** What `parseStamp` accepts: a position (1 or more) and a SHA-256 in hex. */
export const STAMP_PATTERN = /^([1-9][0-9]{0,14}):([0-9a-fA-F]{64})$/;

export const STAMP_FORM = '<position>:<hash>';

/** The stamp in the text, or undefined when it is not `<position>:<hash>`. */
export function parseStamp(text: string): LogStamp | undefined {
  const match = STAMP_PATTERN.exec(text.trim());
  return match ? { position: Number(match[1]), hash: match[2].toLowerCase() } : undefined;
}

/** `<position>:<hash>`, as packs print it and `--expect` / `?expect=` take it. */
export function formatStamp(stamp: LogStamp): string {
  return `${stamp.position}:${stamp.hash}`;
}
