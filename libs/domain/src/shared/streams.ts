/** Stream names are part of the contract with the web board (libs/contract); the domain keeps these names. */
export {
  actionStream, DIRECTORY_ID, evidenceStream, directoryStream, milestoneStream, importStream, measureStream, PLAN_RECORD_CATEGORIES, PLAN_RECORD_STREAM_PREFIXES, planStream, STREAM_CATEGORIES,
  streamCategoryOf, streamOf, type StreamCategory,
} from '@rag-ledger/contract';
