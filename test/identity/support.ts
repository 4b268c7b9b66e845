import { CredentialStore, type IdentityClock, type PasswordHasher } from '@rag-ledger/identity';

/** A clock the test moves by hand, in minutes from a start. */
export class ManualClock implements IdentityClock {
  private current: number;
  constructor(start = '2013-11-21T09:00:00.000Z') {
    this.current = Date.parse(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000;
  }
}

/** A hasher that is quick and obviously not secure, for the rules around hashing (argon2 has its own test). */
export const plainHasher: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  verify: async (hash, password) => hash === `plain:${password}`,
};

export const freshStore = () => CredentialStore.inMemory();
