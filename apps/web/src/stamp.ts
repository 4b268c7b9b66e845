/**
 * The stamp a printed board carries: the log position the board was drawn from and the
 * hash-chain head there, written `<position>:<hash>` as `npm run verify -- --expect` and
 * `GET /api/audit/verify?expect=` take it, so an auditor can check later that the log
 * still holds what the board was drawn from. No imports besides types: unit-tested under Node too.
 */
import type { LogStamp } from './contract';

export function stampText(stamp: LogStamp | null | undefined): string {
  if (!stamp) return '';
  if (stamp.position === null) return 'log stamp: none (no event yet)';
  if (stamp.head === null) return `log position ${stamp.position} (the log holds no chain hash for it)`;
  return `log stamp ${stamp.position}:${stamp.head}`;
}
