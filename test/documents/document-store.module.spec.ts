import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { DOCUMENT_STORE, LocalDocumentStore } from '@rag-ledger/documents';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { ConfigModule } from '../../apps/api/src/config/config.module';
import { DocumentStoreModule } from '../../apps/api/src/infrastructure/document-store.module';

describe('DocumentStoreModule: the API’s evidence folder', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'rag-ledger-document-module-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('provides the local store at <data dir>/evidence, and sweeps the uploads a crash left behind as it starts', async () => {
    const leftover = join(dataDir, 'evidence', 'incoming', 'b1946ac9-2d3a-4f1e-9c4e-2f1d0c7a6b5e');
    mkdirSync(join(dataDir, 'evidence', 'incoming'), { recursive: true });
    writeFileSync(leftover, 'half an upload');

    const config = loadConfig({ RAG_LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), DocumentStoreModule] }).compile();
    const store = moduleRef.get(DOCUMENT_STORE);

    expect(store).toBeInstanceOf(LocalDocumentStore);
    expect((store as LocalDocumentStore).root).toBe(join(dataDir, 'evidence'));
    expect(readdirSync(join(dataDir, 'evidence', 'incoming'))).toEqual([]);
    await moduleRef.close();
  });
});
