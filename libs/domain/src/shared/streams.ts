/** Stream names are part of the contract with the web board (libs/contract); the domain keeps these names. */
export {
  actionStream, DIRECTORY_ID, evidenceStream, directoryStream, milestoneStream, importStream, measureStream, PLAN_RECORD_CATEGORIES, PLAN_RECORD_STREAM_PREFIXES, planStream, SCHOOL_RECORD_CATEGORIES, SCHOOL_RECORD_STREAM_PREFIXES, schemeStream, schoolStream, STREAM_CATEGORIES,
  boardStream, meetingStream, boardActionStream, MEETING_RECORD_CATEGORIES, MEETING_RECORD_STREAM_PREFIXES,
  streamCategoryOf, streamOf, type StreamCategory,
} from '@rag-ledger/contract';
