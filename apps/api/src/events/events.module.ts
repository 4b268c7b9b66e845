import { Global, Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { ProjectionFeed } from './projection-feed';

/**
 * Live updates for the web board. Global, so the projections module can hand the
 * feed to the ProjectionRunner's `onBatch`.
 */
@Global()
@Module({
  controllers: [EventsController],
  providers: [ProjectionFeed],
  exports: [ProjectionFeed],
})
export class EventsModule {}
