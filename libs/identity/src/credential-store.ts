import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { InvitationPurpose } from '@rag-ledger/domain';

/**
 * What sign-in needs that must never be in the event log: password hashes, and the hashes of
 * set-up links, session ids and personal API tokens, with their expiries and last use. One
 * SQLite file (`credentials.db` in the data directory), or memory for tests. Only SQL lives
 * here: the rules (how long a session lasts, when an account locks) are in the classes that
 * use it, so it holds no secret in the clear and decides nothing.
 *
 * Times are ISO 8601 strings in UTC, which order as text.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS passwords (
  person_id  TEXT PRIMARY KEY,
  hash       TEXT NOT NULL,
  set_at     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sign_in_failures (
  account      TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  first_at     TEXT NOT NULL,
  locked_until TEXT
);
CREATE TABLE IF NOT EXISTS invitations (
  token_hash    TEXT PRIMARY KEY,
  invitation_id TEXT NOT NULL UNIQUE,
  person_id     TEXT NOT NULL,
  purpose       TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL,
  used_at       TEXT
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash      TEXT PRIMARY KEY,
  person_id    TEXT NOT NULL,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  ended_at     TEXT
);
CREATE INDEX IF NOT EXISTS sessions_by_person ON sessions (person_id);
CREATE TABLE IF NOT EXISTS api_tokens (
  id           TEXT PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  person_id    TEXT NOT NULL,
  name         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  expires_at   TEXT,
  revoked_at   TEXT
);
CREATE INDEX IF NOT EXISTS api_tokens_by_person ON api_tokens (person_id);
`;

export interface FailureRecord {
  failures: number;
  firstAt: string;
  lockedUntil?: string;
}

export interface InvitationRecord {
  invitationId: string;
  personId: string;
  purpose: InvitationPurpose;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
}

export interface SessionRecord {
  personId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  endedAt?: string;
}

export interface ApiTokenRecord {
  id: string;
  personId: string;
  name: string;
  createdAt: string;
  lastUsedAt?: string;
  expiresAt?: string;
  revokedAt?: string;
}

type Row = Record<string, string | number | null>;
const text = (value: string | number | null | undefined): string | undefined => (value === null || value === undefined ? undefined : String(value));

const invitationOf = (row: Row): InvitationRecord => ({
  invitationId: String(row.invitation_id),
  personId: String(row.person_id),
  purpose: row.purpose as InvitationPurpose,
  createdAt: String(row.created_at),
  expiresAt: String(row.expires_at),
  ...(row.used_at ? { usedAt: String(row.used_at) } : {}),
});

const tokenOf = (row: Row): ApiTokenRecord => ({
  id: String(row.id),
  personId: String(row.person_id),
  name: String(row.name),
  createdAt: String(row.created_at),
  ...(row.last_used_at ? { lastUsedAt: String(row.last_used_at) } : {}),
  ...(row.expires_at ? { expiresAt: String(row.expires_at) } : {}),
  ...(row.revoked_at ? { revokedAt: String(row.revoked_at) } : {}),
});

export class CredentialStore {
  private readonly db: Database;

  /** `filename` is `<data dir>/credentials.db`, or ':memory:' (tests). */
  constructor(filename: string) {
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    this.db = new BetterSqlite3(filename);
    this.db.pragma('busy_timeout = 10000');
    if (filename !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  static inMemory(): CredentialStore {
    return new CredentialStore(':memory:');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs `work` in one transaction: all of it is kept, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  // Passwords

  passwordHashOf(personId: string): string | undefined {
    const row = this.db.prepare('SELECT hash FROM passwords WHERE person_id = ?').get(personId) as Row | undefined;
    return text(row?.hash);
  }

  setPasswordHash(personId: string, hash: string, at: string): void {
    this.db
      .prepare('INSERT INTO passwords (person_id, hash, set_at) VALUES (?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at')
      .run(personId, hash, at);
  }

  // Failed sign-ins, by account (the folded email, known or not)

  failuresOf(account: string): FailureRecord | undefined {
    const row = this.db.prepare('SELECT failures, first_at, locked_until FROM sign_in_failures WHERE account = ?').get(account) as Row | undefined;
    if (!row) return undefined;
    return { failures: Number(row.failures), firstAt: String(row.first_at), ...(row.locked_until ? { lockedUntil: String(row.locked_until) } : {}) };
  }

  saveFailures(account: string, record: FailureRecord): void {
    this.db
      .prepare(
        `INSERT INTO sign_in_failures (account, failures, first_at, locked_until) VALUES (?, ?, ?, ?)
         ON CONFLICT (account) DO UPDATE SET failures = excluded.failures, first_at = excluded.first_at, locked_until = excluded.locked_until`,
      )
      .run(account, record.failures, record.firstAt, record.lockedUntil ?? null);
  }

  clearFailures(account: string): void {
    this.db.prepare('DELETE FROM sign_in_failures WHERE account = ?').run(account);
  }

  /** Forgets failures that no longer count (older than `before`, not locked past it), so guessed emails do not pile up. */
  forgetFailuresBefore(before: string): void {
    this.db.prepare('DELETE FROM sign_in_failures WHERE first_at < ? AND (locked_until IS NULL OR locked_until < ?)').run(before, before);
  }

  // Set-up and reset links

  addInvitation(tokenHash: string, record: InvitationRecord): void {
    this.db
      .prepare('INSERT INTO invitations (token_hash, invitation_id, person_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(tokenHash, record.invitationId, record.personId, record.purpose, record.createdAt, record.expiresAt);
  }

  invitationByTokenHash(tokenHash: string): InvitationRecord | undefined {
    const row = this.db.prepare('SELECT * FROM invitations WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    return row && invitationOf(row);
  }

  /** Marks the link used; false when it already was (a second use loses). */
  markInvitationUsed(invitationId: string, at: string): boolean {
    return this.db.prepare('UPDATE invitations SET used_at = ? WHERE invitation_id = ? AND used_at IS NULL').run(at, invitationId).changes === 1;
  }

  // Sessions

  addSession(idHash: string, record: SessionRecord): void {
    this.db
      .prepare('INSERT INTO sessions (id_hash, person_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(idHash, record.personId, record.csrfToken, record.createdAt, record.lastSeenAt, record.expiresAt);
  }

  sessionByIdHash(idHash: string): SessionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as Row | undefined;
    if (!row) return undefined;
    return {
      personId: String(row.person_id),
      csrfToken: String(row.csrf_token),
      createdAt: String(row.created_at),
      lastSeenAt: String(row.last_seen_at),
      expiresAt: String(row.expires_at),
      ...(row.ended_at ? { endedAt: String(row.ended_at) } : {}),
    };
  }

  touchSession(idHash: string, at: string): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND ended_at IS NULL').run(at, idHash);
  }

  endSession(idHash: string, at: string): void {
    this.db.prepare('UPDATE sessions SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL').run(at, idHash);
  }

  /** Ends every open session of the person (deactivated, or their password was reset); how many. */
  endSessionsOf(personId: string, at: string): number {
    return this.db.prepare('UPDATE sessions SET ended_at = ? WHERE person_id = ? AND ended_at IS NULL').run(at, personId).changes;
  }

  /** Drops sessions that ended or expired before `before`: nothing can resume them. */
  forgetSessionsBefore(before: string): void {
    this.db.prepare('DELETE FROM sessions WHERE ended_at < ? OR expires_at < ?').run(before, before);
  }

  // Personal API tokens

  addToken(tokenHash: string, record: ApiTokenRecord): void {
    this.db
      .prepare('INSERT INTO api_tokens (id, token_hash, person_id, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(record.id, tokenHash, record.personId, record.name, record.createdAt, record.expiresAt ?? null);
  }

  tokenByHash(tokenHash: string): ApiTokenRecord | undefined {
    const row = this.db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    return row && tokenOf(row);
  }

  touchToken(id: string, at: string): void {
    this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, id);
  }

  /** The person's tokens not revoked, oldest first. */
  tokensOf(personId: string): ApiTokenRecord[] {
    return (this.db.prepare('SELECT * FROM api_tokens WHERE person_id = ? AND revoked_at IS NULL ORDER BY created_at, id').all(personId) as Row[]).map(tokenOf);
  }

  /** Revokes one of the person's own tokens; false when they have no such token (or it was revoked). */
  revokeToken(personId: string, id: string, at: string): boolean {
    return this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND person_id = ? AND revoked_at IS NULL').run(at, id, personId).changes === 1;
  }
}
