import type { PlanningFramework } from '@rag-ledger/domain';
import type { ImportWarning } from '../import-file';
import { text, textList } from './field-rules';

type Json = Record<string, unknown>;

/** Texts or a list of texts: anything else (numbers, objects) is not what the plan printed. */
const isTexts = (value: unknown): boolean => typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));

/**
 * What a plan or a work-stream prints around its actions: `lead`, `successCriteria`
 * ("What will success look like?": also read from `whatWillSuccessLookLike`, and from
 * `whatWeWillSee` when that is a list of texts), `standards`, `assumptions`, `risks`.
 * Null or absent: not given (a re-import then leaves what is stored). A field of another
 * shape is a warning and is not read: the Norfolk file keeps only the line numbers of some
 * (`whatWeWillSeeLines`, `standardsLines`), not their text, and those are not read either.
 */
export function readFramework(record: Json, where: string, warnings: ImportWarning[]): PlanningFramework {
  const list = (field: string): string[] | undefined => {
    const value = record[field];
    if (value === undefined || value === null) return undefined;
    if (!isTexts(value)) {
      warnings.push({ where, message: `${field} is not a list of texts; it is not imported` });
      return undefined;
    }
    return textList(value);
  };
  const lead = record.lead;
  if (lead !== undefined && lead !== null && typeof lead !== 'string') warnings.push({ where, message: 'lead is not a text; it is not imported' });
  return {
    lead: text(lead),
    successCriteria: list('successCriteria') ?? list('whatWillSuccessLookLike') ?? list('whatWeWillSee'),
    standards: list('standards'),
    assumptions: list('assumptions'),
    risks: list('risks'),
  };
}
