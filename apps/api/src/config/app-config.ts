import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { loadOidcSettings, type OidcSettings } from '../oidc/oidc-settings';
import { loadIdentityConfig, wholeNumber, type IdentityConfig } from './identity-config';
import { loadRemindersConfig, type RemindersConfig } from './reminders-config';

/** Refused tokens one address may send per minute before it is answered 429. */
export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 20;
const AUTH_FAILURES_MESSAGE = 'RAG_LEDGER_AUTH_FAILURES_PER_MINUTE must be a whole number from 1 to 100000';

/** Seconds a client may take to send a whole request (headers and body); see HardenedExpressAdapter. */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;
const REQUEST_TIMEOUT_MESSAGE = 'RAG_LEDGER_REQUEST_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 3600';

/** The largest evidence file, in MB (RAG_LEDGER_MAX_EVIDENCE_MB); a request may be 1 MB more, for its fields and boundaries. */
export const DEFAULT_MAX_EVIDENCE_MB = 50;
const MAX_EVIDENCE_MESSAGE = 'RAG_LEDGER_MAX_EVIDENCE_MB must be a whole number of megabytes from 1 to 4096';

const TRUST_PROXY_MESSAGE =
  'RAG_LEDGER_TRUST_PROXY must be the number of proxies in front of the tracker (1-10), or a comma-separated list of ' +
  'their addresses or ranges (e.g. "loopback" or "10.0.0.1, 10.1.0.0/16")';
/** A hop count (1-10), or addresses and CIDR ranges, and the names Express knows for ranges. */
function parseTrustProxy(value: string): number | string | undefined {
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 10 ? hops : undefined;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const known = (entry: string) => ['loopback', 'linklocal', 'uniquelocal'].includes(entry) || /^[0-9A-Fa-f.:]+(\/\d{1,3})?$/.test(entry);
  return entries.every(known) && entries.some((e) => e !== '') ? entries.join(',') : undefined;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The environment, as documented in the README. Validated once at start-up. */
class Environment {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  RAG_LEDGER_DATA_DIR?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'RAG_LEDGER_JWT_SECRET must be at least 32 characters long' })
  RAG_LEDGER_JWT_SECRET?: string;

  @IsOptional()
  @Matches(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\/.+/, {
    message: 'EVENTSTORE_CONNECTION_STRING must be a connection string such as esdb://localhost:2113?tls=false',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;

  @IsOptional()
  @IsInt({ message: AUTH_FAILURES_MESSAGE })
  @Min(1, { message: AUTH_FAILURES_MESSAGE })
  @Max(100_000, { message: AUTH_FAILURES_MESSAGE })
  RAG_LEDGER_AUTH_FAILURES_PER_MINUTE?: number;

  @IsOptional()
  @IsInt({ message: REQUEST_TIMEOUT_MESSAGE })
  @Min(1, { message: REQUEST_TIMEOUT_MESSAGE })
  @Max(3600, { message: REQUEST_TIMEOUT_MESSAGE })
  RAG_LEDGER_REQUEST_TIMEOUT_SECONDS?: number;

  @IsOptional()
  @IsInt({ message: MAX_EVIDENCE_MESSAGE })
  @Min(1, { message: MAX_EVIDENCE_MESSAGE })
  @Max(4096, { message: MAX_EVIDENCE_MESSAGE })
  RAG_LEDGER_MAX_EVIDENCE_MB?: number;
}

export interface AppConfig {
  port: number;
  dataDir: string;
  jwtSecret?: string;
  eventStoreConnectionString?: string;
  logLevel: LogLevel;
  /** Refused tokens accepted from one address per minute; the next ones are answered 429. */
  authFailuresPerMinute: number;
  /**
   * The reverse proxies whose X-Forwarded-For is believed, as Express's `trust proxy` takes
   * them; unset, the client address is the socket's (what the failed-auth limit counts by).
   */
  trustProxy?: number | string;
  /** Seconds a client may take to send a request, headers and body; then 408 and the connection is closed. */
  requestTimeoutSeconds: number;
  /** The largest evidence file one upload may carry, in bytes (RAG_LEDGER_MAX_EVIDENCE_MB). */
  maxEvidenceBytes: number;
  /** Sign-in: sessions, set-up links, lock-out (RAG_LEDGER_SESSION_*, RAG_LEDGER_INVITATION_DAYS, RAG_LEDGER_PUBLIC_URL). */
  identity: IdentityConfig;
  /** Single sign-on (RAG_LEDGER_OIDC_*); undefined when not configured. */
  oidc?: OidcSettings;
  /** Reminders before meetings: SMTP, retries, when they go (RAG_LEDGER_SMTP_*, RAG_LEDGER_REMINDER_*). */
  reminders: RemindersConfig;
  /** RAG_LEDGER_SEAL_MINUTES: the server seals the log this often when events are unsealed; 0: only on demand and when packs are issued. */
  sealMinutes: number;
}

/** Hourly: a seal an hour at most, when anything was written. */
const DEFAULT_SEAL_MINUTES = 60;

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

/** Reads and checks the environment; a wrong value fails with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = {
    PORT: blankToUndefined(env.PORT),
    RAG_LEDGER_DATA_DIR: blankToUndefined(env.RAG_LEDGER_DATA_DIR),
    RAG_LEDGER_JWT_SECRET: blankToUndefined(env.RAG_LEDGER_JWT_SECRET),
    EVENTSTORE_CONNECTION_STRING: blankToUndefined(env.EVENTSTORE_CONNECTION_STRING),
    LOG_LEVEL: blankToUndefined(env.LOG_LEVEL),
    RAG_LEDGER_AUTH_FAILURES_PER_MINUTE: blankToUndefined(env.RAG_LEDGER_AUTH_FAILURES_PER_MINUTE),
    RAG_LEDGER_TRUST_PROXY: blankToUndefined(env.RAG_LEDGER_TRUST_PROXY)?.trim(),
    RAG_LEDGER_REQUEST_TIMEOUT_SECONDS: blankToUndefined(env.RAG_LEDGER_REQUEST_TIMEOUT_SECONDS),
    RAG_LEDGER_MAX_EVIDENCE_MB: blankToUndefined(env.RAG_LEDGER_MAX_EVIDENCE_MB),
  };
  if (raw.PORT !== undefined && !/^\d+$/.test(raw.PORT)) {
    throw new ConfigurationError(`PORT must be a whole number from 0 to 65535, not "${raw.PORT}"`);
  }
  const limit = raw.RAG_LEDGER_AUTH_FAILURES_PER_MINUTE;
  if (limit !== undefined && !/^\d+$/.test(limit)) {
    throw new ConfigurationError(`${AUTH_FAILURES_MESSAGE}, not "${limit}"`);
  }
  const requestTimeout = raw.RAG_LEDGER_REQUEST_TIMEOUT_SECONDS;
  if (requestTimeout !== undefined && !/^\d+$/.test(requestTimeout)) {
    throw new ConfigurationError(`${REQUEST_TIMEOUT_MESSAGE}, not "${requestTimeout}"`);
  }
  const maxEvidence = raw.RAG_LEDGER_MAX_EVIDENCE_MB;
  if (maxEvidence !== undefined && !/^\d+$/.test(maxEvidence)) {
    throw new ConfigurationError(`${MAX_EVIDENCE_MESSAGE}, not "${maxEvidence}"`);
  }
  const trustProxy = raw.RAG_LEDGER_TRUST_PROXY === undefined ? undefined : parseTrustProxy(raw.RAG_LEDGER_TRUST_PROXY);
  if (raw.RAG_LEDGER_TRUST_PROXY !== undefined && trustProxy === undefined) {
    throw new ConfigurationError(`${TRUST_PROXY_MESSAGE}, not "${raw.RAG_LEDGER_TRUST_PROXY}"`);
  }
  const parsed = plainToInstance(Environment, {
    ...raw,
    PORT: raw.PORT === undefined ? undefined : Number(raw.PORT),
    RAG_LEDGER_AUTH_FAILURES_PER_MINUTE: limit === undefined ? undefined : Number(limit),
    RAG_LEDGER_REQUEST_TIMEOUT_SECONDS: requestTimeout === undefined ? undefined : Number(requestTimeout),
    RAG_LEDGER_MAX_EVIDENCE_MB: maxEvidence === undefined ? undefined : Number(maxEvidence),
  });
  const errors = validateSync(parsed);
  if (errors.length > 0) {
    const messages = errors.flatMap((e) =>
      Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m : `${e.property}: ${m}`)),
    );
    throw new ConfigurationError(`Invalid configuration: ${messages.join('; ')}`);
  }
  return {
    port: parsed.PORT ?? 3000,
    dataDir: resolve(parsed.RAG_LEDGER_DATA_DIR ?? './data'),
    jwtSecret: parsed.RAG_LEDGER_JWT_SECRET,
    eventStoreConnectionString: parsed.EVENTSTORE_CONNECTION_STRING,
    logLevel: parsed.LOG_LEVEL ?? 'info',
    authFailuresPerMinute: parsed.RAG_LEDGER_AUTH_FAILURES_PER_MINUTE ?? DEFAULT_AUTH_FAILURES_PER_MINUTE,
    trustProxy,
    requestTimeoutSeconds: parsed.RAG_LEDGER_REQUEST_TIMEOUT_SECONDS ?? DEFAULT_REQUEST_TIMEOUT_SECONDS,
    maxEvidenceBytes: (parsed.RAG_LEDGER_MAX_EVIDENCE_MB ?? DEFAULT_MAX_EVIDENCE_MB) * 1024 * 1024,
    identity: loadIdentityConfig(env),
    oidc: loadOidcSettings(env),
    reminders: loadRemindersConfig(env),
    sealMinutes: wholeNumber(env, 'RAG_LEDGER_SEAL_MINUTES', 0, 1440, DEFAULT_SEAL_MINUTES, 'minutes'),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
