/** How long sign-in's secrets last, and when an account locks (from the environment; defaults here). */
export interface IdentitySettings {
  /** Days a set-up or reset link works (RAG_LEDGER_INVITATION_DAYS). */
  invitationDays: number;
  /** Minutes without a request after which a session ends (RAG_LEDGER_SESSION_IDLE_MINUTES). */
  sessionIdleMinutes: number;
  /** Hours after sign-in when a session ends however busy it is (RAG_LEDGER_SESSION_MAX_HOURS). */
  sessionMaxHours: number;
  /** Wrong passwords in a row, within lockMinutes, that lock an account. */
  lockAfterFailures: number;
  /** Minutes an account stays locked (and the window its failures are counted in). */
  lockMinutes: number;
}

export const DEFAULT_IDENTITY_SETTINGS: IdentitySettings = {
  invitationDays: 7,
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  lockAfterFailures: 5,
  lockMinutes: 15,
};

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
