export { decideMediaType } from './decide-media-type';
export type { MediaTypeDecision } from './media-type-decision';
export { MalformedCompoundFileError, readCompoundFileTop, type CompoundFileEntry } from './compound-file-directory';
export { findPdfActiveContent } from './pdf-active-content';
export { StreamedScans } from './streamed-scans';
