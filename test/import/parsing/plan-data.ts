// Loads the real Norfolk 2013 plans: the project's copy in samples/ of ../shared/data/norfolk-plans-2013.json.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const NORFOLK_PLANS = resolve(__dirname, '../../..', 'samples/norfolk-plans-2013.json');

export interface FileAction {
  id: string;
  targetDate: string | null;
  targetDateIso: string | null;
  dateKind: string;
  startDateIso: string | null;
  recurrence: string | null;
  responsible: string[];
  responsibleRaw: string | null;
}

export function loadActions(): FileAction[] {
  if (!existsSync(NORFOLK_PLANS)) throw new Error(`shared plan data not found at ${NORFOLK_PLANS}`);
  const data = JSON.parse(readFileSync(NORFOLK_PLANS, 'utf8'));
  return data.plans.flatMap((p: any) => p.workstreams.flatMap((w: any) => w.actions));
}
