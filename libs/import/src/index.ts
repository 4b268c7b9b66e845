export * from './import-file';
export * from './parsing';
export { readPlansJson, readPlansJsonInSteps, type ReadOptions } from './readers/norfolk-json';
export { readPlansCsv, readPlansCsvInSteps, CSV_COLUMNS, CSV_OPTIONAL_COLUMNS } from './readers/plans-csv';
export { eventLoop, ROWS_PER_STEP } from './steps';
export * from './plan-import';

import type { PlanKind } from '@rag-ledger/domain';

/** The shared Norfolk file names no kinds: the demo loader maps its five plans. */
export const NORFOLK_PLAN_KINDS: Record<string, PlanKind> = {
  SIP: 'strategic',
  SG: 'safeguarding',
  LAC: 'lac',
  EDU: 'education',
  EH: 'early-help',
};
export { readPeopleCsv, readGlossary, splitNameAndTitle, PEOPLE_CSV_COLUMNS, MAX_PEOPLE_ROWS, type ImportedPerson } from './readers/people';
export * from './schools/school-import-errors';
export * from './schools/schools-list';
export * from './schools/schools-list-import';
export * from './schools/categorisations';
