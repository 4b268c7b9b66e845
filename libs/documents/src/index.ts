export * from './media-type';
export * from './document-store.port';
export { isDocumentAddress, LocalDocumentStore } from './local-document-store';
export * from './verify-documents';
