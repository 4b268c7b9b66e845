/** The statuses are part of the contract with the web board (libs/contract); the domain keeps these names. */
export {
  ACTION_STATUSES, isInProgress, isRag, RAG_COLOURS, STATUS_LABELS, STATUS_SEVERITY, type ActionStatus, type CountedStatus, type Rag,
} from '@rag-ledger/contract';
