import {
  BadRequestException,
  Injectable,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ProjectionRunner } from '@rag-ledger/projections';

export const READ_YOUR_WRITES_TIMEOUT_MS = 5000;

/** `?minPosition=` on a read waits until the projections have applied that position. */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly runner: ProjectionRunner) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest();
    const raw = request.method === 'GET' ? request.query?.minPosition : undefined;
    if (raw !== undefined) {
      if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) throw new BadRequestException(['minPosition must be a whole number']);
      const reached = await this.runner.waitFor(BigInt(raw), READ_YOUR_WRITES_TIMEOUT_MS);
      if (!reached) {
        throw new ServiceUnavailableException(`The boards have not caught up with position ${raw} yet; retry shortly.`);
      }
    }
    return next.handle();
  }
}
