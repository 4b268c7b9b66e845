import type { OwnerPerson } from '@rag-ledger/contract';
import type { Directory } from '@rag-ledger/projections';

/**
 * An action (or a board row) with its owners beside who they are in the directory, as of the
 * same instant as the action: the caller reads the directory once per request and passes it here.
 */
export const withOwnerPeople = <T extends { owners: string[] }>(row: T, directory: Directory): T & { ownerPeople: OwnerPerson[] } => ({
  ...row,
  ownerPeople: directory.ownerPeople(row.owners),
});
