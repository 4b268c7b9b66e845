import type { Role } from '@rag-ledger/domain';
import { issueToken } from '../auth/tokens';
import type { Clock } from '../common/clock';

/** The clock the demo's app runs on: the player moves it through the 18 months, never backwards. */
export class SimulatedClock implements Clock {
  private current: number;

  constructor(start: string) {
    this.current = Date.parse(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** To `hour` (UTC) of a UK day, or a minute after the last change if that is later: events keep their order. */
  moveTo(day: string, hour = 9): void {
    const at = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00.000Z`);
    this.current = Math.max(at, this.current + 60_000);
  }

  /** A minute later: the next change of the same sitting. */
  tick(): void {
    this.current += 60_000;
  }
}

/** A request of the history that the tracker refused: the demo stops, saying which and why. */
export class DemoStepError extends Error {
  override readonly name = 'DemoStepError';
}

export interface Caller {
  role: Role;
  user: string;
  name: string;
  plans?: string[];
}

/**
 * The demo plays its history through the HTTP API of the app it built, as people would: the
 * same routes, guards, validation and handlers, with development tokens for each role.
 */
export class DemoApi {
  private readonly tokens = new Map<string, string>();
  /** How many requests changed something. */
  writes = 0;

  constructor(
    private readonly base: string,
    private readonly secret: string,
    private readonly clock: SimulatedClock,
  ) {}

  token(caller: Caller): string {
    const key = `${caller.role}:${caller.user}:${(caller.plans ?? []).join(',')}`;
    let token = this.tokens.get(key);
    if (!token) {
      // Long enough for the whole played history (the simulated clock runs 18 months).
      token = issueToken(this.secret, { user: caller.user, name: caller.name, role: caller.role, plans: caller.plans, expiresIn: '1000d' });
      this.tokens.set(key, token);
    }
    return token;
  }

  async get<T>(caller: Caller, path: string): Promise<T> {
    return (await this.request(caller, 'GET', path)) as T;
  }

  /** A JSON body, or text with its content type (an import). */
  async post<T = unknown>(caller: Caller, path: string, body: unknown = {}, contentType = 'application/json'): Promise<T> {
    this.writes++;
    const result = (await this.request(caller, 'POST', path, contentType === 'application/json' ? JSON.stringify(body) : String(body), contentType)) as T;
    this.clock.tick();
    return result;
  }

  private async request(caller: Caller, method: string, path: string, body?: string, contentType?: string): Promise<unknown> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token(caller)}`, ...(contentType ? { 'Content-Type': contentType } : {}) },
      body,
    });
    const text = await response.text();
    if (!response.ok) throw new DemoStepError(`${method} ${path} as ${caller.role} ${caller.user} was refused (${response.status}): ${text.slice(0, 500)}`);
    const type = response.headers.get('content-type') ?? '';
    return type.includes('json') && text.length > 0 ? JSON.parse(text) : text;
  }
}
