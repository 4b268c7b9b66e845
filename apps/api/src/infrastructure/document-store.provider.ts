import { join } from 'node:path';
import { LocalDocumentStore } from '@rag-ledger/documents';
import type { AppConfig } from '../config/app-config';

/**
 * The evidence files of a data directory, `<data dir>/evidence`: where the server keeps them
 * (DocumentStoreModule) and where the command line reads them (`npm run verify`), named once.
 */
export function openDocumentStore(config: AppConfig): LocalDocumentStore {
  return new LocalDocumentStore(join(config.dataDir, 'evidence'));
}
