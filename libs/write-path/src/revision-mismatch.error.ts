import { ConflictError } from '@rag-ledger/domain';

/** The caller's If-Match named a revision that is no longer the current one. */
export class RevisionMismatchError extends ConflictError {
  constructor(
    readonly expected: bigint,
    readonly current: bigint | undefined,
  ) {
    super(
      `Someone else has updated this since you loaded it (you had revision ${expected}, it is now ` +
        `${current === undefined ? 'missing' : current}). Reload to see their change before making yours.`,
    );
  }
}
