import { RuleViolationError } from '@rag-ledger/domain';

/** An officer named by a personId must be someone the directory of people holds. */
export class PersonNotInDirectoryError extends RuleViolationError {
  constructor(readonly personId: string) {
    super(`There is nobody with id "${personId}" in the directory of people: give the officer's name alone, or add them to the directory first.`);
  }
}
