import { isIsoDate } from '@rag-ledger/domain';
import type { ImportWarning } from '../import-file';
import { parsePlanDate } from '../parsing';

/**
 * The due date of an action from the cell as printed, or from an ISO date the
 * file already gives. The printed text is always kept; a cell that cannot be read
 * is a warning, never a failure.
 */
export function readTargetDate(
  printed: string | undefined,
  iso: string | undefined,
  where: string,
  warnings: ImportWarning[],
): { targetDate?: string; targetDateText?: string } {
  if (iso !== undefined && isIsoDate(iso)) return { targetDate: iso, targetDateText: printed };
  if (iso !== undefined) warnings.push({ where, message: `targetDateIso "${iso}" is not a calendar date; the printed date is used` });
  if (printed === undefined) return {};
  const parsed = parsePlanDate(printed);
  if (parsed.warning) warnings.push({ where, message: `target date "${printed}": ${parsed.warning}` });
  return { targetDate: parsed.due, targetDateText: printed };
}
