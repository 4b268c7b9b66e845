import { DEFAULT_IDENTITY_SETTINGS, type IdentitySettings } from '@rag-ledger/identity';
import { ConfigurationError } from './app-config';

/** Sign-in's settings from the environment (see the README's configuration table). */
export interface IdentityConfig extends IdentitySettings {
  /** Where people reach the web board: set-up links start with it (RAG_LEDGER_PUBLIC_URL). */
  publicUrl?: string;
}

/** A whole-number setting from min to max, or the fallback when unset; anything else stops the start with a message naming it. */
export function wholeNumber(env: NodeJS.ProcessEnv, name: string, min: number, max: number, fallback: number, unit: string): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigurationError(`${name} must be a whole number of ${unit} from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

export function loadIdentityConfig(env: NodeJS.ProcessEnv): IdentityConfig {
  const publicUrl = env.RAG_LEDGER_PUBLIC_URL?.trim() || undefined;
  if (publicUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(publicUrl);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
      throw new ConfigurationError(`RAG_LEDGER_PUBLIC_URL must be the web board's address, such as https://rag-ledger.council.gov.uk, not "${publicUrl}"`);
    }
  }
  return {
    ...DEFAULT_IDENTITY_SETTINGS,
    invitationDays: wholeNumber(env, 'RAG_LEDGER_INVITATION_DAYS', 1, 90, DEFAULT_IDENTITY_SETTINGS.invitationDays, 'days'),
    sessionIdleMinutes: wholeNumber(env, 'RAG_LEDGER_SESSION_IDLE_MINUTES', 1, 1440, DEFAULT_IDENTITY_SETTINGS.sessionIdleMinutes, 'minutes'),
    sessionMaxHours: wholeNumber(env, 'RAG_LEDGER_SESSION_MAX_HOURS', 1, 168, DEFAULT_IDENTITY_SETTINGS.sessionMaxHours, 'hours'),
    ...(publicUrl !== undefined ? { publicUrl: publicUrl.replace(/\/+$/, '') } : {}),
  };
}

/** The start of every set-up link: RAG_LEDGER_PUBLIC_URL, or this server on localhost. */
export const publicUrlOf = (config: { port: number; identity: IdentityConfig }): string => config.identity.publicUrl ?? `http://localhost:${config.port}`;

/** A set-up link as the person opens it: the web board's page for it, ending in the token. */
export const invitationLink = (config: { port: number; identity: IdentityConfig }, token: string): string => `${publicUrlOf(config)}/#/invitations/${token}`;
