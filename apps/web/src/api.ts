import { csrfToken, ended } from './session.js';

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

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * Sends a request with the session cookie (same origin) and, when it changes anything, the
 * session's CSRF token; a network failure becomes an ApiError with status 0.
 */
async function send(method: Method, path: string, accept: string, options: { body?: unknown; ifMatch?: number; contentType?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  const csrf = csrfToken();
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  if (options.body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  try {
    return await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      cache: 'no-store',
      credentials: 'same-origin',
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

/** What the sign-in page says after the server refused the session. */
export const SESSION_ENDED = 'Your session has ended: you were away for a while, it reached its time limit, or you were signed out elsewhere. Sign in again to carry on.';

/** A refused answer: back to sign-in on 401, and throws the server's message. */
function refused(status: number, body: unknown): never {
  const errorBody = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
  if (status === 401) ended(SESSION_ENDED);
  throw new ApiError(status, messageOf(status, errorBody), errorBody);
}

async function call<T>(method: Method, path: string, options: { body?: unknown; ifMatch?: number; contentType?: string } = {}): Promise<ApiAnswer<T>> {
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
 * GET a file (an SVG chart) with the session, as a Blob: show it through
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

/** A change that is not an action command: a body of another type (CSV, text), PATCH or DELETE. */
export function apiSend<T = unknown>(method: Method, path: string, body?: unknown, contentType?: string): Promise<ApiAnswer<T>> {
  return call<T>(method, path, { body, contentType });
}

/** How far an upload has gone: bytes sent of the whole request. */
export type UploadProgress = (sent: number, total: number) => void;

/**
 * POST a multipart form (a file and its fields) with XMLHttpRequest, the one browser API that
 * reports upload progress (fetch does not). Sends the session cookie and CSRF token as every
 * other change does; a refusal becomes an ApiError with the server's sentence, 401 goes back
 * to sign-in, and a dropped connection is status 0.
 */
export function apiUpload<T>(path: string, form: FormData, onProgress: UploadProgress): Promise<ApiAnswer<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ body: body as T, etag: xhr.getResponseHeader('ETag') });
        return;
      }
      try {
        refused(xhr.status, body);
      } catch (error) {
        reject(error);
      }
    });
    const dropped = () =>
      reject(new ApiError(0, 'The upload stopped before the tracker answered: the connection dropped, or the file is larger than the tracker accepts. Check the file, then try again.', undefined));
    xhr.addEventListener('error', dropped);
    xhr.addEventListener('abort', dropped);
    xhr.addEventListener('timeout', dropped);
    xhr.send(form);
  });
}
