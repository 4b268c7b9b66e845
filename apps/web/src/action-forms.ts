/** Which update forms an action's page offers. Unit-tested under Node too. */
import { type ActionChange, type ActionStatus,mayChange } from './contract.js';

export type FormKind = 'start' | 'rag' | 'note' | 'target-date' | 'complete' | 'reopen';

/** The forms in the order the page shows them, and the change each one makes. */
const FORMS: ReadonlyArray<[FormKind, ActionChange]> = [
  ['start', 'start'], ['rag', 'changeRag'], ['reopen', 'reopen'], ['note', 'noteProgress'], ['target-date', 'reviseTargetDate'], ['complete', 'complete'],
];

/** The forms of the changes the rules allow from a status (the server checks them again). */
export const formsFor = (status: ActionStatus): FormKind[] => FORMS.filter(([, change]) => mayChange(status, change)).map(([kind]) => kind);
