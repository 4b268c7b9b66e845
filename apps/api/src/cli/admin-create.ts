/**
 * `npm run admin:create -- --email <e> --name "<n>" [--initials XX] [--reset]`: the first
 * administrator (see createFirstAdmin). Prints the set-up link on its last line, in the same
 * form as an invitation's link. Against the embedded store or EventStoreDB (as the other
 * command-line tools); the link's hash goes into the credential store of the data directory,
 * beside the server's. Refused (exit 1) for an active admin who has a password, unless --reset.
 * Wrong arguments: exit 2 with the usage.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError } from '@rag-ledger/domain';
import { CredentialStore } from '@rag-ledger/identity';
import { CREDENTIALS_FILE } from '../accounts/credentials-file';
import { createFirstAdmin, FirstAdminRefusal } from '../accounts/first-admin';
import { systemClock } from '../common/clock';
import { loadConfig } from '../config/app-config';
import { openEventStore } from '../infrastructure/event-store.provider';

const USAGE = 'usage: npm run admin:create -- --email <email> --name "<full name>" [--initials XX] [--reset]';

function fail(message: string): never {
  process.stderr.write(`admin:create: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { email?: string; name?: string; initials?: string; reset?: boolean };
  try {
    ({ values } = parseArgs({
      options: { email: { type: 'string' }, name: { type: 'string' }, initials: { type: 'string' }, reset: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const email = values.email?.trim();
  const name = values.name?.trim();
  if (!email) fail('--email is required');
  if (!name) fail('--name is required');

  const config = loadConfig();
  const { store } = openEventStore(config);
  const credentials = new CredentialStore(join(config.dataDir, CREDENTIALS_FILE));
  try {
    const issued = await createFirstAdmin(store, credentials, config, systemClock, { email, name, initials: values.initials, reset: values.reset }, (line) => console.log(line));
    // The last line is the link alone, so a script can take it with `tail -n 1`.
    console.log(issued.link);
  } finally {
    credentials.close();
    await store.close();
  }
}

main().catch((error) => {
  const known = error instanceof FirstAdminRefusal || error instanceof DomainError;
  process.stderr.write(`admin:create: ${known ? error.message : `failed: ${error instanceof Error ? error.message : String(error)}`}\n`);
  process.exit(1);
});
