import { Controller, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { interval, map, merge, Observable, of, takeUntil } from 'rxjs';
import { ProjectionRunner } from '@rag-ledger/projections';
import { ProjectionFeed } from './projection-feed';

/** How often an idle stream sends a comment, so proxies and browsers keep it open. */
export const HEARTBEAT_MS = 15_000;

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    private readonly feed: ProjectionFeed,
    private readonly runner: ProjectionRunner,
  ) {}

  @Sse('stream')
  @ApiOperation({
    summary: 'Live board updates (server-sent events): what the projections have just committed',
    description:
      'First an `event: ready` with `{ position }` (the read models\' position now), then one unnamed message per committed batch: ' +
      '`{ position, events: [{ type, streamId, planId, actionId, position }] }`, ids and types only. Read again with ' +
      '`?minPosition=<position>` to see the change. A comment every 15 s keeps the connection open. Any role.',
  })
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: 200, description: 'text/event-stream' })
  @ApiResponse({ status: 401, description: 'No, bad or expired token' })
  stream(): Observable<MessageEvent> {
    // Subscribed in the same tick as the position is read: no batch falls in between.
    const position = Number(this.runner.position);
    return merge(
      of<MessageEvent>({ type: 'ready', id: String(position), data: { position } }),
      this.feed.batches.pipe(map((batch): MessageEvent => ({ id: String(batch.position), data: batch }))),
      interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ comment: 'heartbeat' }))),
    ).pipe(takeUntil(this.feed.closing)); // a shutdown ends every open stream
  }
}
