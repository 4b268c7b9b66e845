import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { json, text, type RequestHandler } from 'express';

/** Body parser errors as answers a client can act on: 400 for bad JSON, 413 for a body over the limit. */
function explained(parse: RequestHandler, limit: string): RequestHandler {
  return (req, res, next) =>
    parse(req, res, (failure?: unknown) => {
      if (!failure) return next();
      const error = failure as { type?: string; message?: string };
      if (error.type === 'entity.parse.failed') return next(new BadRequestException(`The request body is malformed JSON: ${error.message}`));
      if (error.type === 'entity.too.large') return next(new PayloadTooLargeException(`The request body is over the limit of ${limit}.`));
      return next(error);
    });
}

export const jsonBody = (limit: string) => explained(json({ limit }), limit);
export const csvBody = (limit: string) => explained(text({ type: 'text/csv', limit }), limit);
