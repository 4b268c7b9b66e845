import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { json, text, type Request, type RequestHandler } from 'express';

const JSON_TYPES = ['application/json', 'application/*+json'];
const IMPORT_TYPES = [...JSON_TYPES, 'text/csv'];
/** A list of people: a CSV, or a plan's glossary as text. */
const PEOPLE_LIST_TYPES = ['text/csv', 'text/plain'];

/**
 * Keys that name members of Object.prototype (`__proto__`, `constructor`, `toString`...) or
 * `prototype`. The validation would silently skip them rather than refuse them as unknown
 * fields, so they are refused here, at any depth, before anything reads the body.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * How deeply objects and arrays may nest in a body. The deepest real body, a plan file, nests
 * 10 levels (samples/norfolk-plans-2013.json); validation walks a body recursively, and
 * 2,000 levels (4 KB) overflowed its stack and answered 500.
 */
export const MAX_BODY_DEPTH = 32;

/** The first problem of a parsed body, found without recursion (so any depth is safe to walk). */
function findBodyProblem(body: unknown): string | undefined {
  const pending: Array<[unknown, number]> = [[body, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_BODY_DEPTH) return `The request body is nested too deeply: objects and arrays may nest at most ${MAX_BODY_DEPTH} levels.`;
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) return `property ${key} should not exist`;
      pending.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}

/** Body parser errors as answers a client can act on: 400 for bad JSON, 413 for a body over the limit. */
function explained(parse: RequestHandler, limit: string): RequestHandler {
  return (req, res, next) =>
    parse(req, res, (failure?: unknown) => {
      if (!failure) {
        const problem = findBodyProblem(req.body);
        return next(problem === undefined ? undefined : new BadRequestException([problem]));
      }
      const error = failure as { type?: string; message?: string };
      if (error.type === 'entity.parse.failed') return next(new BadRequestException(`The request body is malformed JSON: ${error.message}`));
      if (error.type === 'entity.too.large') return next(new PayloadTooLargeException(`The request body is over the limit of ${limit}.`));
      return next(error);
    });
}

export const jsonBody = (limit: string) => explained(json({ limit }), limit);
export const csvBody = (limit: string) => explained(text({ type: 'text/csv', limit }), limit);
export const peopleListBody = (limit: string) => explained(text({ type: PEOPLE_LIST_TYPES, limit }), limit);

/** As type-is decides it: a body is sent when it has a length other than 0, or is chunked. */
const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** The import route as the (case-sensitive) router matches it: with or without a trailing slash. */
const isImportPath = (path: string) => path === '/api/import' || path === '/api/import/';
export const PEOPLE_IMPORT_PATH = '/api/people/import';
/** The schools register's imports: the national schools list and a file of categorisations, both CSV. */
export const SCHOOL_IMPORT_PATHS = ['/api/schools/import', '/api/schools/categorisations/import'] as const;
const isSchoolImportPath = (path: string) => SCHOOL_IMPORT_PATHS.some((p) => path === p || path === `${p}/`);
const isPeopleImportPath = (path: string) => path === PEOPLE_IMPORT_PATH || path === `${PEOPLE_IMPORT_PATH}/`;

/**
 * An evidence upload (POST /api/actions/:id/evidence, /api/measures/:id/evidence, /api/milestones/:id/evidence, /api/board-actions/:id/evidence): multipart,
 * streamed by its route after the guard, which also answers 415 for any other Content-Type, so
 * that who may attach and to what is decided before anything about the body.
 */
export const isEvidenceUploadPath = (path: string) => /^\/api\/(?:actions|measures|milestones|board-actions)\/[^/]+\/evidence\/?$/.test(path);

/**
 * A body the API cannot read is refused with 415 rather than ignored: ignored, a command
 * whose fields are all optional (start, complete) would run with its defaults.
 * Only plan files (POST /api/import) may also be CSV; a list of people (POST /api/people/import) is CSV or text;
 * the schools register's imports (SCHOOL_IMPORT_PATHS) are CSV only.
 * Every request with a body is checked, whatever its path: a check that first decides whether
 * the path is the API's can disagree with the router (it once skipped `/API/...`), and nothing
 * outside the API takes a body (the web board's files answer GET and HEAD only).
 */
export function refuseUnreadableBodies(): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || !hasBody(req)) return next();
    if (isEvidenceUploadPath(req.path)) return next();
    if (isSchoolImportPath(req.path)) {
      if (req.is('text/csv')) return next();
      return next(new UnsupportedMediaTypeException(`Send the file as text/csv (the national schools list as its extract prints it, or URN,Category[,Reason][,CategorisedOn]); it was sent as ${req.headers['content-type'] ?? 'no Content-Type'}.`));
    }
    if (isPeopleImportPath(req.path)) {
      if (req.is(PEOPLE_LIST_TYPES)) return next();
      return next(new UnsupportedMediaTypeException(`Send the list of people as text/csv (initials, name, job_title, email) or as the plan's glossary in text/plain; it was sent as ${req.headers['content-type'] ?? 'no Content-Type'}.`));
    }
    const accepted = isImportPath(req.path) ? IMPORT_TYPES : JSON_TYPES;
    if (req.is(accepted)) return next();
    next(
      new UnsupportedMediaTypeException(
        `The request body must be ${accepted === IMPORT_TYPES ? 'JSON or CSV' : 'JSON'} (Content-Type: ${accepted[0]}${accepted === IMPORT_TYPES ? ' or text/csv' : ''}); ` +
          `it was sent as ${req.headers['content-type'] ?? 'no Content-Type'}.`,
      ),
    );
  };
}
