import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { json, text, type Request, type RequestHandler } from 'express';
import { isApiPath } from './api-path';

const JSON_TYPES = ['application/json', 'application/*+json'];
const IMPORT_TYPES = [...JSON_TYPES, 'text/csv'];

/**
 * Keys that name members of Object.prototype (`__proto__`, `constructor`, `toString`...) or
 * `prototype`. The validation would silently skip them rather than refuse them as unknown
 * fields, so they are refused here, at any depth, before anything reads the body.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

function findPrototypeKey(body: unknown): string | undefined {
  const pending: unknown[] = [body];
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === null || typeof value !== 'object') continue;
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) return key;
      pending.push((value as Record<string, unknown>)[key]);
    }
  }
  return undefined;
}

/** Body parser errors as answers a client can act on: 400 for bad JSON, 413 for a body over the limit. */
function explained(parse: RequestHandler, limit: string): RequestHandler {
  return (req, res, next) =>
    parse(req, res, (failure?: unknown) => {
      if (!failure) {
        const key = findPrototypeKey(req.body);
        return next(key === undefined ? undefined : new BadRequestException([`property ${key} should not exist`]));
      }
      const error = failure as { type?: string; message?: string };
      if (error.type === 'entity.parse.failed') return next(new BadRequestException(`The request body is malformed JSON: ${error.message}`));
      if (error.type === 'entity.too.large') return next(new PayloadTooLargeException(`The request body is over the limit of ${limit}.`));
      return next(error);
    });
}

export const jsonBody = (limit: string) => explained(json({ limit }), limit);
export const csvBody = (limit: string) => explained(text({ type: 'text/csv', limit }), limit);

/** As type-is decides it: a body is sent when it has a length other than 0, or is chunked. */
const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/**
 * A body the API cannot read is refused with 415 rather than ignored: ignored, a command
 * whose fields are all optional (start, complete) would run with its defaults.
 * Only plan files (POST /api/import) may also be CSV.
 */
export function refuseUnreadableBodies(): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || !isApiPath(req.path) || !hasBody(req)) return next();
    const accepted = req.path === '/api/import' ? IMPORT_TYPES : JSON_TYPES;
    if (req.is(accepted)) return next();
    next(
      new UnsupportedMediaTypeException(
        `The request body must be ${accepted === IMPORT_TYPES ? 'JSON or CSV' : 'JSON'} (Content-Type: ${accepted[0]}${accepted === IMPORT_TYPES ? ' or text/csv' : ''}); ` +
          `it was sent as ${req.headers['content-type'] ?? 'no Content-Type'}.`,
      ),
    );
  };
}
