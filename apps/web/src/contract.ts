/**
 * The contract the board shares with the API (libs/contract): one copy, compiled with
 * the board into dist/web, where this relative path also resolves in the browser.
 */
export * from '../../../libs/contract/src/index.js';
