export * from './event-store.port';
export * from './errors';
export {
  describeStore,
  sameStore,
  STORE_IDENTIFIED,
  STORE_IDENTITY_ACTOR,
  STORE_IDENTITY_STREAM,
  type StoreIdentifiedData,
  type StoreIdentity,
  type StoreKind,
} from './store-identity';
export { SqliteEventStore, revisionMatches, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { BackgroundCheckpointer, type BackgroundCheckpointerOptions } from './sqlite/background-checkpointer';
export { readStreamOrEmpty } from './read-stream-or-empty';
export { aggregateStream } from './aggregate-stream';
export { SCHEMA_VERSION, schemaVersionOf, UpcasterRegistry, type Upcaster } from './upcasting/upcaster-registry';
export { EVENT_LOG_MIGRATIONS, migrate } from './sqlite/migrations';
export {
  EventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
  type EsdbClient,
} from './eventstoredb/eventstoredb-event-store';
export { migrateLog, type MigrateLogOptions, type MigrateLogProgress, type MigrateLogResult } from './migrate-log';
export {
  canonicalJson,
  eventHash,
  verifyChain,
  withoutChain,
  type ChainCheck,
  type ChainLink,
  type ChainVerification,
  type StampCheck,
  type VerifyChainOptions,
} from './hash-chain';
export { formatStamp, parseStamp, STAMP_FORM, STAMP_PATTERN, type LogStamp } from './stamp';
export { openEventStoreAt, type EventStoreLocation } from './event-store-location';
export { eventDigest, NoEventAtPositionError, unsealedStretches, type ChainPoint, type SealStretch, type SealStretchOptions } from './seals/seal-stretches';
export { readSeals, sealAtOrBefore, SealWalk, type SealProblem, type SealsLocation, type SealsVerification } from './seals/seal-check';
