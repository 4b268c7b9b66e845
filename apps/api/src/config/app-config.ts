import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** Refused tokens one address may send per minute before it is answered 429. */
export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 20;
const AUTH_FAILURES_MESSAGE = 'RAG_LEDGER_AUTH_FAILURES_PER_MINUTE must be a whole number from 1 to 100000';

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
}

export interface AppConfig {
  port: number;
  dataDir: string;
  jwtSecret?: string;
  eventStoreConnectionString?: string;
  logLevel: LogLevel;
  /** Refused tokens accepted from one address per minute; the next ones are answered 429. */
  authFailuresPerMinute: number;
}

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
  };
  if (raw.PORT !== undefined && !/^\d+$/.test(raw.PORT)) {
    throw new ConfigurationError(`PORT must be a whole number from 0 to 65535, not "${raw.PORT}"`);
  }
  const limit = raw.RAG_LEDGER_AUTH_FAILURES_PER_MINUTE;
  if (limit !== undefined && !/^\d+$/.test(limit)) {
    throw new ConfigurationError(`${AUTH_FAILURES_MESSAGE}, not "${limit}"`);
  }
  const parsed = plainToInstance(Environment, {
    ...raw,
    PORT: raw.PORT === undefined ? undefined : Number(raw.PORT),
    RAG_LEDGER_AUTH_FAILURES_PER_MINUTE: limit === undefined ? undefined : Number(limit),
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
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
