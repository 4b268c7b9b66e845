/**
 * The councils' schemes the tracker ships as examples (a council defines its own with
 * POST /api/category-schemes; these are there to start from, and for the demo). Each is
 * quoted from ../shared/domain-schools.md 3.2-3.3; the visit schedules are the documents'
 * where they give one (Warwickshire 004:259-265, Essex 003:64) and otherwise left unset.
 */
import type { SchemeCategory, SchemeKind } from '@rag-ledger/contract';

export interface ExampleScheme {
  schemeId: string;
  name: string;
  kind: SchemeKind;
  categories: SchemeCategory[];
}

/** Norfolk's A-F categories (000:533, 000:1003-1026): schools of concern A and D, requiring improvement B and C, good or great E and F. */
export const NORFOLK_SCHEME: ExampleScheme = {
  schemeId: 'norfolk',
  name: 'Norfolk LA risk categories (A Good School for Every Norfolk Learner, 2013)',
  kind: 'category',
  categories: [
    { code: 'A4', label: 'Schools of Concern', order: 1, group: 'causing-concern', visitEveryWeeks: 2 },
    { code: 'B3', label: 'Schools who Require Improvement (may be judged Satisfactory / RI or better)', order: 2, group: 'requires-improvement', visitEveryWeeks: 13 },
    { code: 'C3', label: 'Schools judged as Satisfactory / RI who are making good progress', order: 3, group: 'requires-improvement', visitEveryWeeks: 13 },
    { code: 'D1-3', label: 'Schools in transition', order: 4, group: 'causing-concern', visitEveryWeeks: 6 },
    { code: 'E1', label: 'Confidently good', order: 5, group: 'good-or-better' },
    { code: 'E2', label: 'Good', order: 6, group: 'good-or-better' },
    { code: 'F1', label: 'Outstanding', order: 7, group: 'good-or-better' },
  ],
};

/** Warwickshire's categories with trend letters (004:470-480), and the visits its support sets (004:259-265). */
export const WARWICKSHIRE_SCHEME: ExampleScheme = {
  schemeId: 'warwickshire',
  name: 'Warwickshire school categories (Championing the Learner, 2013)',
  kind: 'category',
  categories: [
    { code: '4', label: 'Inadequate Serious Weakness or Special Measures', order: 1, group: 'causing-concern', visitEveryWeeks: 2 },
    { code: '3C', label: 'Requires Improvement', order: 2, group: 'requires-improvement', visitEveryWeeks: 3 },
    { code: '3D', label: 'Requires Improvement with good leadership', order: 3, group: 'requires-improvement', visitEveryWeeks: 6 },
    { code: '3A', label: 'Satisfactory Declining', order: 4, group: 'requires-improvement' },
    { code: '3B', label: 'Satisfactory Improving', order: 5, group: 'requires-improvement' },
    { code: '2B', label: 'Good Declining', order: 6, group: 'good-or-better' },
    { code: '2A', label: 'Good Improving', order: 7, group: 'good-or-better' },
    { code: '1', label: 'Outstanding', order: 8, group: 'good-or-better' },
  ],
};

/** Essex's five-stage alert system (003:132-176): an intervention-stage scheme; stages 3 and 4 are visited half-termly (003:64). */
export const ESSEX_STAGES: ExampleScheme = {
  schemeId: 'essex-stages',
  name: "Essex 'five stage' alert system (schools causing concern)",
  kind: 'intervention-stage',
  categories: [
    { code: '5', label: 'Stage 5', order: 1, visitEveryWeeks: 6 },
    { code: '4', label: 'Stage 4: statutory intervention', order: 2, visitEveryWeeks: 6 },
    { code: '3', label: 'Stage 3: meeting with the governing body and the Director for Education and Learning', order: 3, visitEveryWeeks: 6 },
    { code: '2', label: 'Stage 2: QC visit; a warning notice may be considered', order: 4 },
    { code: '1', label: 'Stage 1: first alert, conveyed to the head and chair', order: 5 },
  ],
};

export const EXAMPLE_SCHEMES: readonly ExampleScheme[] = [NORFOLK_SCHEME, WARWICKSHIRE_SCHEME, ESSEX_STAGES];
