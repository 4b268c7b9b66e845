import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { loadConfig } from './config/app-config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  // A plain line for people (and for tests that start the server on port 0); request logs are JSON.
  process.stderr.write(`rag-ledger listening on http://localhost:${port}/api (data in ${config.dataDir}); the web board is at http://localhost:${port}/\n`);

  // On SIGTERM (or Ctrl-C): stop accepting connections, let in-flight requests finish,
  // stop the projections, close the store, then exit 0.
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`rag-ledger: ${signal} received, finishing in-flight requests\n`);
    const closing = app.close();
    // Keep-alive connections with no request in flight would hold the close open.
    const server = app.getHttpServer();
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.closeIdleConnections();
    await closing;
    clearInterval(sweep);
    process.stderr.write('rag-ledger: stopped cleanly\n');
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`rag-ledger could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
