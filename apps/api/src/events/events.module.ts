import { Global, Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { ProjectionFeed } from './projection-feed';
import { StreamLimiter } from './stream-limiter';

/**
 * Live updates for the web board. Global, so the projections module can hand the
 * feed to the ProjectionRunner's `onBatch`.
 */
@Global()
@Module({
  controllers: [EventsController],
  providers: [ProjectionFeed, StreamLimiter],
  exports: [ProjectionFeed],
})
export class EventsModule {}
