import { ArgumentsHost, Catch, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { WrongExpectedVersionError } from '@rag-ledger/event-store';
import { ImportFileError, ImportTooLargeError } from '@rag-ledger/import';
import { ImportIncompleteError } from '../import/run-import';

/**
 * A file that cannot be imported is the caller's mistake (400; 413 when it is over the bound);
 * a lost race on a stream is a conflict (409); an import that a store writing stream by
 * stream could not finish says what it wrote (409 for a race, otherwise 503) so it can be run again.
 */
@Catch(ImportFileError, WrongExpectedVersionError, ImportIncompleteError)
export class StoreErrorFilter implements ExceptionFilter {
  catch(error: ImportFileError | WrongExpectedVersionError | ImportIncompleteError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof ImportFileError) {
      const statusCode = error instanceof ImportTooLargeError ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
      response.status(statusCode).json({ statusCode, error: error.name, message: error.message, problems: error.problems, moreProblems: error.moreProblems });
      return;
    }
    if (error instanceof ImportIncompleteError) {
      const statusCode = error.cause instanceof WrongExpectedVersionError ? HttpStatus.CONFLICT : HttpStatus.SERVICE_UNAVAILABLE;
      response.status(statusCode).json({ statusCode, error: error.name, message: error.message, plansWritten: error.plansWritten, plansNotWritten: error.plansNotWritten });
      return;
    }
    response.status(HttpStatus.CONFLICT).json({
      statusCode: 409,
      error: error.name,
      message: `Someone else changed ${error.streamName} at the same time; nothing more was written to it. Try again.`,
    });
  }
}
