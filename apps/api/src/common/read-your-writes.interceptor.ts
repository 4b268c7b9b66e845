import {
  BadRequestException,
  Injectable,
  ServiceUnavailableException,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { ProjectionRunner } from '@rag-ledger/projections';

export const READ_YOUR_WRITES_TIMEOUT_MS = 5000;

const IGNORES_MIN_POSITION = 'rag-ledger:ignores-min-position';

/** A route that answers at once whatever `?minPosition=` says (the health check). */
export const IgnoresMinPosition = () => SetMetadata(IGNORES_MIN_POSITION, true);

/** `?minPosition=` on a read waits until the projections have applied that position. */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest();
    const raw = request.method === 'GET' ? request.query?.minPosition : undefined;
    if (raw !== undefined && !this.reflector.getAllAndOverride<boolean>(IGNORES_MIN_POSITION, [context.getHandler(), context.getClass()])) {
      if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) throw new BadRequestException(['minPosition must be a whole number']);
      const reached = await this.runner.waitFor(BigInt(raw), READ_YOUR_WRITES_TIMEOUT_MS);
      if (!reached) {
        // A failed projection is retried meanwhile; the wait still ends at the time-out, and says why.
        const failed = this.runner.failures.map((f) => f.projection);
        const why = failed.length > 0 ? ` The ${failed.join(' and ')} read model${failed.length > 1 ? 's are' : ' is'} failing and being retried.` : '';
        throw new ServiceUnavailableException(`The boards have not caught up with position ${raw} yet; retry shortly.${why}`);
      }
    }
    return next.handle();
  }
}
