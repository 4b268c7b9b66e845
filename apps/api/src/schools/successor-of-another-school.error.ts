import { ConflictError } from '@rag-ledger/domain';

/** The academy's URN is already registered as the continuation of another school. */
export class SuccessorOfAnotherSchoolError extends ConflictError {
  constructor(
    readonly successorUrn: string,
    readonly predecessorUrn: string,
  ) {
    super(`The school with URN ${successorUrn} already continues the school with URN ${predecessorUrn}; check the academy's URN.`);
  }
}
