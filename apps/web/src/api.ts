import { currentToken, signOut } from './session.js';

/** A refused request, with the server's message in plain words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> | undefined,
  ) {
    super(message);
  }
}

export interface ApiAnswer<T> {
  body: T;
  etag: string | null;
}

export interface CommandResult {
  id: string;
  revision: number;
  position: number;
}

function messageOf(status: number, body: Record<string, unknown> | undefined): string {
  const message = body?.message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string' && message) return message;
  return `The server answered ${status}.`;
}

async function call<T>(method: 'GET' | 'POST', path: string, options: { body?: unknown; ifMatch?: number } = {}): Promise<ApiAnswer<T>> {
  const token = currentToken();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'The tracker could not be reached. Check your connection and try again.', undefined);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const errorBody = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
    if (response.status === 401) signOut(`Your token was refused: ${messageOf(401, errorBody)} Paste a new one.`);
    throw new ApiError(response.status, messageOf(response.status, errorBody), errorBody);
  }
  return { body: body as T, etag: response.headers.get('ETag') };
}

/** GET with query parameters; empty ones are left out. */
export function apiGet<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<ApiAnswer<T>> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
  const q = query.toString();
  return call<T>('GET', q ? `${path}?${q}` : path);
}

/** A command; with `ifMatch` the server refuses it (409) if the action changed since that revision. */
export function apiPost<T = CommandResult>(path: string, body: unknown, ifMatch?: number): Promise<ApiAnswer<T>> {
  return call<T>('POST', path, { body, ifMatch });
}
