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

/** Sends a request with the token; a network failure becomes an ApiError with status 0. */
async function send(method: 'GET' | 'POST', path: string, accept: string, options: { body?: unknown; ifMatch?: number } = {}): Promise<Response> {
  const token = currentToken();
  const headers: Record<string, string> = { Accept: accept };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  try {
    return await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'The tracker could not be reached. Check your connection and try again.', undefined);
  }
}

const parseJson = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/** A refused answer: signs out on 401, and throws the server's message. */
function refused(status: number, body: unknown): never {
  const errorBody = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
  if (status === 401) signOut(`Your token was refused: ${messageOf(401, errorBody)} Paste a new one.`);
  throw new ApiError(status, messageOf(status, errorBody), errorBody);
}

async function call<T>(method: 'GET' | 'POST', path: string, options: { body?: unknown; ifMatch?: number } = {}): Promise<ApiAnswer<T>> {
  const response = await send(method, path, 'application/json', options);
  const body = parseJson(await response.text());
  if (!response.ok) refused(response.status, body);
  return { body: body as T, etag: response.headers.get('ETag') };
}

const withQuery = (path: string, params: Record<string, string | number | undefined>): string => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
  const q = query.toString();
  return q ? `${path}?${q}` : path;
};

/** GET with query parameters; empty ones are left out. */
export function apiGet<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<ApiAnswer<T>> {
  return call<T>('GET', withQuery(path, params));
}

/**
 * GET a file (an SVG chart) with the token, as a Blob: show it through
 * URL.createObjectURL in an <img>, so no markup from the answer enters the page.
 */
export async function apiGetBlob(path: string, params: Record<string, string | number | undefined> = {}, accept = '*/*'): Promise<Blob> {
  const response = await send('GET', withQuery(path, params), accept);
  if (!response.ok) refused(response.status, parseJson(await response.text()));
  return response.blob();
}

/** A command; with `ifMatch` the server refuses it (409) if the action changed since that revision. */
export function apiPost<T = CommandResult>(path: string, body: unknown, ifMatch?: number): Promise<ApiAnswer<T>> {
  return call<T>('POST', path, { body, ifMatch });
}
