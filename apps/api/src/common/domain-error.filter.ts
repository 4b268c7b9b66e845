import { ArgumentsHost, Catch, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@rag-ledger/domain';
import { RevisionMismatchError } from '@rag-ledger/write-path';

const STATUS: Record<DomainError['kind'], number> = {
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
};

/** Business-rule errors become 404, 409, 422 or 403 with the message a plan owner reads. */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const statusCode = STATUS[error.kind];
    const body: Record<string, unknown> = { statusCode, error: error.name, message: error.message };
    // A refused list (of people) names each wrong row, as a refused plan file does.
    if ('problems' in error && Array.isArray(error.problems)) body.problems = error.problems;
    if (error instanceof RevisionMismatchError && error.current !== undefined) {
      body.currentRevision = Number(error.current);
      response.setHeader('ETag', `"${error.current}"`);
    }
    response.status(statusCode).json(body);
  }
}
