/**
 * The one write path (no framework here): a feature's decider, a command, and the context
 * of who asks; the API's command handlers, the import and the command line all write
 * through it.
 */
export * from './clock';
export * from './idempotency';
export * from './multi-stream-append';
export * from './revision-mismatch.error';
export * from './stream-states';
export * from './write-context';
export * from './write-path';
