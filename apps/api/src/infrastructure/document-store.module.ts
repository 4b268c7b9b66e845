import { join } from 'node:path';
import { Global, Logger, Module } from '@nestjs/common';
import { DOCUMENT_STORE, LocalDocumentStore, type DocumentStore } from '@rag-ledger/documents';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Where evidence files are kept: `<data dir>/evidence`, with either event store. The files are
 * local in both cases for now; a deployment on several machines needs an object-store adapter
 * of the DocumentStore port (future work), bound here in place of the local folder.
 */
@Global()
@Module({
  providers: [
    {
      provide: DOCUMENT_STORE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<DocumentStore> => {
        const store = new LocalDocumentStore(join(config.dataDir, 'evidence'));
        // Uploads cut off by a stop or a crash were never acknowledged: their holding files go.
        const swept = await store.sweepIncoming();
        if (swept > 0) new Logger('DocumentStore').log(`removed ${swept} unfinished upload(s) left by the last run`);
        return store;
      },
    },
  ],
  exports: [DOCUMENT_STORE],
})
export class DocumentStoreModule {}
