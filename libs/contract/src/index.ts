/**
 * The contract between the API and the web board: statuses and their words, roles and
 * what each may do, the allowed changes of an action, the shapes the board reads, and
 * the words for each change. No imports from outside this folder: the API compiles it
 * as CommonJS and the browser loads it as ES modules (dist/web/libs/contract/src).
 */
export * from './status.js';
export * from './roles.js';
export * from './transitions.js';
export * from './measure-values.js';
export * from './views.js';
export * from './describe.js';
export * from './streams.js';
export * from './people.js';
export * from './evidence.js';
export * from './milestone-outcomes.js';
export * from './schools.js';
export * from './meetings.js';
export * from './demo.js';
export * from './months.js';
export * from './seals.js';
