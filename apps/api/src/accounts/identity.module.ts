import { join } from 'node:path';
import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { argon2idHasher, CredentialStore, Invitations, PasswordSignIn, PersonalTokens, Sessions, type PasswordHasher } from '@rag-ledger/identity';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CREDENTIALS_FILE } from './credentials-file';
import { Directory } from './directory';
import { SessionStarter } from './session-starter';

/** The credential store of the server (`credentials.db` in the data directory), closed when the server stops. */
export class ServerCredentialStore extends CredentialStore implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    this.close();
  }
}

export const PASSWORD_HASHER = Symbol('PASSWORD_HASHER');

/**
 * Sign-in's services, for the guard (which checks sessions and personal tokens on every request)
 * and the accounts routes. The rules and the SQL are in libs/identity; this only wires them.
 */
@Global()
@Module({
  providers: [
    { provide: CredentialStore, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new ServerCredentialStore(join(config.dataDir, CREDENTIALS_FILE)) },
    { provide: PASSWORD_HASHER, useValue: argon2idHasher },
    { provide: Sessions, inject: [CredentialStore, CLOCK, APP_CONFIG], useFactory: (store: CredentialStore, clock: Clock, config: AppConfig) => new Sessions(store, clock, config.identity) },
    { provide: PersonalTokens, inject: [CredentialStore, CLOCK], useFactory: (store: CredentialStore, clock: Clock) => new PersonalTokens(store, clock) },
    { provide: Invitations, inject: [CredentialStore, CLOCK, APP_CONFIG], useFactory: (store: CredentialStore, clock: Clock, config: AppConfig) => new Invitations(store, clock, config.identity) },
    {
      provide: PasswordSignIn,
      inject: [CredentialStore, PASSWORD_HASHER, CLOCK, APP_CONFIG],
      useFactory: (store: CredentialStore, hasher: PasswordHasher, clock: Clock, config: AppConfig) => new PasswordSignIn(store, hasher, clock, config.identity),
    },
    Directory,
    SessionStarter,
  ],
  exports: [CredentialStore, PASSWORD_HASHER, Sessions, PersonalTokens, Invitations, PasswordSignIn, Directory, SessionStarter],
})
export class IdentityModule {}
