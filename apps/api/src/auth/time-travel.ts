import { ForbiddenException } from '@nestjs/common';

import { mayReadHistory } from '@rag-ledger/contract';

import type { Principal } from './principal';

/** As-of reads and the changes between meetings are for the board, auditors and admins. */
export function assertMayReadHistory(principal: Principal, asOf: string | undefined): void {
  if (asOf !== undefined && !mayReadHistory(principal)) {
    throw new ForbiddenException('Reading a board as it stood on a past date needs the board, auditor or admin role.');
  }
}
