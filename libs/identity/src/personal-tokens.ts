import { randomUUID } from 'node:crypto';
import type { ApiTokenRecord, CredentialStore } from './credential-store';
import type { IdentityClock } from './identity-clock';
import { DAY_MS } from './identity-settings';
import { hashSecret, randomSecret } from './secrets';

/** What marks a personal API token, so the server (and a secret scanner) can tell it from a development JWT. */
export const PERSONAL_TOKEN_PREFIX = 'rlp_';

export const isPersonalToken = (token: string): boolean => token.startsWith(PERSONAL_TOKEN_PREFIX);

/** A token as its owner sees it listed: never the token itself, which is shown once. */
export interface PersonalTokenSummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt?: string;
  expiresAt?: string;
}

export class PersonalTokenNameError extends Error {
  constructor(message: string) {
    super(message);
  }
}

export const MAX_TOKEN_NAME_LENGTH = 100;
/** A token's last use is written down at most once a minute: a busy script would otherwise write on every request. */
export const TOKEN_LAST_USE_MS = 60_000;
export const MAX_TOKEN_DAYS = 366;

const summaryOf = (record: ApiTokenRecord): PersonalTokenSummary => ({
  id: record.id,
  name: record.name,
  createdAt: record.createdAt,
  ...(record.lastUsedAt ? { lastUsedAt: record.lastUsedAt } : {}),
  ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
});

/**
 * Personal API tokens for scripts and integrations: `rlp_` and 32 random bytes, kept only as
 * a SHA-256, named by their person, listed with their last use, revocable. A token acts as its
 * person with the rights they hold at each request (the caller looks those up).
 */
export class PersonalTokens {
  constructor(
    private readonly store: CredentialStore,
    private readonly clock: IdentityClock,
  ) {}

  /** A new token; `token` is returned here and never again. */
  create(personId: string, name: string, expiresInDays?: number): PersonalTokenSummary & { token: string } {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (clean === '') throw new PersonalTokenNameError('Give the token a name, so you can tell it apart later (for example "Monthly report script").');
    if (clean.length > MAX_TOKEN_NAME_LENGTH) throw new PersonalTokenNameError(`A token's name can be at most ${MAX_TOKEN_NAME_LENGTH} characters.`);
    const now = this.clock.now();
    const token = `${PERSONAL_TOKEN_PREFIX}${randomSecret()}`;
    const record: ApiTokenRecord = {
      id: randomUUID(),
      personId,
      name: clean,
      createdAt: now.toISOString(),
      ...(expiresInDays !== undefined ? { expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS).toISOString() } : {}),
    };
    this.store.addToken(hashSecret(token), record);
    return { ...summaryOf(record), token };
  }

  /** The token's record when it is ours, not revoked and not expired; its last use becomes now. */
  authenticate(token: string): ApiTokenRecord | undefined {
    if (!isPersonalToken(token)) return undefined;
    const record = this.store.tokenByHash(hashSecret(token));
    const now = this.clock.now();
    if (!record || record.revokedAt) return undefined;
    if (record.expiresAt && Date.parse(record.expiresAt) <= now.getTime()) return undefined;
    if (record.lastUsedAt !== undefined && now.getTime() - Date.parse(record.lastUsedAt) < TOKEN_LAST_USE_MS) return record;
    this.store.touchToken(record.id, now.toISOString());
    return { ...record, lastUsedAt: now.toISOString() };
  }

  list(personId: string): PersonalTokenSummary[] {
    return this.store.tokensOf(personId).map(summaryOf);
  }

  /** Revokes one of the person's own tokens; false when they hold no such token. */
  revoke(personId: string, id: string): boolean {
    return this.store.revokeToken(personId, id, this.clock.now().toISOString());
  }
}
