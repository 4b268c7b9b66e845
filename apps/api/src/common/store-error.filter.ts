import { ArgumentsHost, Catch, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { WrongExpectedVersionError } from '@rag-ledger/event-store';
import { ImportFileError } from '@rag-ledger/import';

/** A file that cannot be imported is the caller's mistake (400); a lost race on a stream is a conflict (409). */
@Catch(ImportFileError, WrongExpectedVersionError)
export class StoreErrorFilter implements ExceptionFilter {
  catch(error: ImportFileError | WrongExpectedVersionError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof ImportFileError) {
      response.status(HttpStatus.BAD_REQUEST).json({ statusCode: 400, error: error.name, message: error.message, problems: error.problems });
      return;
    }
    response.status(HttpStatus.CONFLICT).json({
      statusCode: 409,
      error: error.name,
      message: `Someone else changed ${error.streamName} at the same time; nothing more was written to it. Try again.`,
    });
  }
}
