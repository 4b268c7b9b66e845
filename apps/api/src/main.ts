import 'reflect-metadata';
import { loadConfig } from './config/app-config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port);
  console.log(`rag-ledger listening on http://localhost:${config.port}/api (data in ${config.dataDir})`);
}

main().catch((error) => {
  console.error(`rag-ledger could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
