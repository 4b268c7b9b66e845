/**
 * Seals: the log's tamper evidence on every store (libs/contract seals.ts says what a seal is).
 * One stream, `logseal-ledger`; each LogSealed continues from the one before it.
 */
import type { LogSealedData } from '@rag-ledger/contract';

export { SEAL_MAX_EVENTS, SEAL_REASONS, SEAL_STREAM, type LogSealedData, type SealReason } from '@rag-ledger/contract';

export interface LogSealed {
  type: 'LogSealed';
  data: LogSealedData;
}

export type SealEvent = LogSealed;
