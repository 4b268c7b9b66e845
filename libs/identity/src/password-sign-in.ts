import { foldEmail } from '@rag-ledger/domain';
import type { CredentialStore } from './credential-store';
import type { IdentityClock } from './identity-clock';
import { MINUTE_MS, type IdentitySettings } from './identity-settings';
import type { PasswordHasher } from './password-hasher';
import { randomSecret } from './secrets';

export type SignInOutcome =
  /** The password is right: the person may be given a session (if the directory still lets them in). */
  | { kind: 'signed-in'; personId: string }
  /** Wrong email or wrong password: one answer for both, so nobody learns which emails exist. */
  | { kind: 'refused' }
  /** Too many wrong passwords: nothing is checked until `retryAfterSeconds` have passed. */
  | { kind: 'locked'; retryAfterSeconds: number };

/**
 * Checks an email and password, with the lock-out: `lockAfterFailures` wrong passwords within
 * `lockMinutes` lock the account for `lockMinutes`. Counted per email, whether or not anyone
 * has it, and an unknown email costs the same hashing as a known one, so neither the answers
 * nor their timing tell which emails are in the directory.
 */
export class PasswordSignIn {
  private dummyHash?: Promise<string>;

  constructor(
    private readonly store: CredentialStore,
    private readonly hasher: PasswordHasher,
    private readonly clock: IdentityClock,
    private readonly settings: Pick<IdentitySettings, 'lockAfterFailures' | 'lockMinutes'>,
  ) {}

  /** `personId`: whoever the directory says has this email (undefined when nobody does). */
  async attempt(email: string, password: string, personId: string | undefined): Promise<SignInOutcome> {
    const account = foldEmail(email);
    const now = this.clock.now().getTime();
    const failures = this.store.failuresOf(account);
    if (failures?.lockedUntil && Date.parse(failures.lockedUntil) > now) {
      return { kind: 'locked', retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(failures.lockedUntil) - now) / 1000)) };
    }
    const hash = personId === undefined ? undefined : this.store.passwordHashOf(personId);
    const matches = await this.hasher.verify(hash ?? (await this.dummy()), password);
    if (matches && hash !== undefined && personId !== undefined) {
      this.store.clearFailures(account);
      return { kind: 'signed-in', personId };
    }
    this.recordFailure(account, now);
    return { kind: 'refused' };
  }

  private recordFailure(account: string, now: number): void {
    const windowMs = this.settings.lockMinutes * MINUTE_MS;
    const earlier = this.store.failuresOf(account);
    // Failures count within the window from the first; after it (or after a lock), afresh.
    const fresh = !earlier || Date.parse(earlier.firstAt) + windowMs <= now || earlier.lockedUntil !== undefined;
    const failures = fresh ? 1 : earlier.failures + 1;
    const firstAt = fresh ? new Date(now).toISOString() : earlier.firstAt;
    const lockedUntil = failures >= this.settings.lockAfterFailures ? new Date(now + windowMs).toISOString() : undefined;
    this.store.transaction(() => {
      this.store.saveFailures(account, { failures, firstAt, ...(lockedUntil ? { lockedUntil } : {}) });
      this.store.forgetFailuresBefore(new Date(now - windowMs).toISOString());
    });
  }

  /** A hash of a random password, made once, to check unknown emails against. */
  private dummy(): Promise<string> {
    this.dummyHash ??= this.hasher.hash(randomSecret());
    return this.dummyHash;
  }
}
