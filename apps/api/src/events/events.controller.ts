import { Controller, Req, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { concat, finalize, interval, map, merge, NEVER, Observable, of, takeUntil } from 'rxjs';
import { ROLES } from '@rag-ledger/contract';
import { ProjectionRunner } from '@rag-ledger/projections';
import { CurrentPrincipal, Roles, TokenExpiresAt } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ProjectionFeed } from './projection-feed';
import { MAX_STREAMS_PER_PERSON, StreamLimiter } from './stream-limiter';

/** How often an idle stream sends a comment, so proxies and browsers keep it open. */
export const HEARTBEAT_MS = 15_000;

/** What a stream sends last when the token it was opened with expires. */
export const EXPIRED_MESSAGE = 'Your token has expired, so the live updates have stopped: sign in again with a new token to resume them.';

/** setTimeout fires at once for delays over 2^31 - 1 ms (about 24.8 days): longer waits are made of shorter ones. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Emits once when the wall clock reaches `at` (ms since 1970), the clock the token's expiry is checked against. */
export function reaching(at: number): Observable<void> {
  return new Observable<void>((subscriber) => {
    let timer: NodeJS.Timeout;
    const wait = () => {
      const left = at - Date.now();
      if (left <= 0) {
        subscriber.next();
        subscriber.complete();
        return;
      }
      timer = setTimeout(wait, Math.min(left, LONGEST_TIMER_MS));
    };
    wait();
    return () => clearTimeout(timer);
  });
}

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    private readonly feed: ProjectionFeed,
    private readonly runner: ProjectionRunner,
    private readonly limiter: StreamLimiter,
  ) {}

  @Sse('stream')
  // Every role, a headteacher's too: the feed names no school and carries ids only (see projection-feed.ts).
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Live board updates (server-sent events): what the projections have just committed',
    description:
      'First an `event: ready` with `{ position }` (the read models\' position now), then one unnamed message per committed batch: ' +
      '`{ position, events: [{ type, streamId, planId, actionId, position }] }`, ids and types only. Read again with ' +
      '`?minPosition=<position>` to see the change. A comment every 15 s keeps the connection open. When the token expires, ' +
      `an \`event: expired\` with \`{ message }\` and the stream ends. At most ${MAX_STREAMS_PER_PERSON} open streams per person. Any role.`,
  })
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: 200, description: 'text/event-stream' })
  @ApiResponse({ status: 401, description: 'No, bad or expired token' })
  @ApiResponse({ status: 429, description: `This person already has ${MAX_STREAMS_PER_PERSON} streams open` })
  stream(@CurrentPrincipal() principal: Principal, @TokenExpiresAt() expiresAt: number | undefined, @Req() request?: Request): Observable<MessageEvent> {
    // Taken here, before the answer starts, so the one too many is a plain 429. Given back when
    // the answer closes, however it ends (the client leaves, the token expires, a shutdown),
    // and when the stream is unsubscribed, whichever comes first.
    const release = this.limiter.take(principal.id);
    request?.res?.once('close', release);
    // Subscribed in the same tick as the position is read: no batch falls in between.
    const position = Number(this.runner.position);
    const expired = expiresAt === undefined ? NEVER : reaching(expiresAt);
    const live = merge(
      of<MessageEvent>({ type: 'ready', id: String(position), data: { position } }),
      this.feed.batches.pipe(map((batch): MessageEvent => ({ id: String(batch.position), data: batch }))),
      interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ comment: 'heartbeat' }))),
    ).pipe(takeUntil(expired));
    // `live` ends only when the token expires: the stream then says why and ends. A shutdown ends every open stream at once.
    const farewell = of<MessageEvent>({ type: 'expired', data: { message: EXPIRED_MESSAGE } });
    return concat(live, farewell).pipe(takeUntil(this.feed.closing), finalize(release));
  }
}
