import { Subscription } from 'rxjs';
import type { MessageEvent } from '@nestjs/common';
import type { ProjectionRunner } from '@rag-ledger/projections';
import type { RecordedEvent } from '@rag-ledger/event-store';
import { EventsController, HEARTBEAT_MS } from '../../apps/api/src/events/events.controller';
import { ProjectionFeed, toProjectedBatch } from '../../apps/api/src/events/projection-feed';

const recorded = (position: bigint, type: string, streamId: string, data: object): RecordedEvent =>
  ({ position, type, streamId, data, revision: 0n, id: `id-${position}`, metadata: {}, created: new Date() }) as unknown as RecordedEvent;

describe('the live feed of committed batches', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps ids and types, drops the data', () => {
    const batch = toProjectedBatch([
      recorded(7n, 'ActionRagChanged', 'action-A1', { actionId: 'A1', planId: 'SIP', from: 'G', to: 'R', reason: 'private words' }),
      recorded(9n, 'PlanCreated', 'plan-SIP', { planId: 'SIP', title: 'x' }),
    ]);
    expect(batch).toEqual({
      position: 9,
      events: [
        { type: 'ActionRagChanged', streamId: 'action-A1', planId: 'SIP', actionId: 'A1', position: 7 },
        { type: 'PlanCreated', streamId: 'plan-SIP', planId: 'SIP', actionId: null, position: 9 },
      ],
    });
    expect(JSON.stringify(batch)).not.toContain('private');
  });

  it('starts with the position, sends every batch, a heartbeat comment every 15 s, and ends on shutdown', () => {
    jest.useFakeTimers();
    const feed = new ProjectionFeed();
    const controller = new EventsController(feed, { position: 41n } as unknown as ProjectionRunner);
    const seen: MessageEvent[] = [];
    let completed = false;
    const subscription: Subscription = controller.stream().subscribe({ next: (m) => seen.push(m), complete: () => (completed = true) });

    expect(seen).toEqual([{ type: 'ready', id: '41', data: { position: 41 } }]);
    feed.publish([recorded(42n, 'ActionStarted', 'action-A1', { actionId: 'A1', planId: 'SIP', rag: 'G' })]);
    expect(seen[1]).toEqual({ id: '42', data: { position: 42, events: [{ type: 'ActionStarted', streamId: 'action-A1', planId: 'SIP', actionId: 'A1', position: 42 }] } });
    feed.publish([]); // nothing to say
    expect(seen).toHaveLength(2);

    jest.advanceTimersByTime(HEARTBEAT_MS);
    expect(seen[2]).toEqual({ comment: 'heartbeat' });
    jest.advanceTimersByTime(HEARTBEAT_MS);
    expect(seen.filter((m) => m.comment === 'heartbeat')).toHaveLength(2);

    feed.onModuleDestroy();
    expect(completed).toBe(true);
    feed.publish([recorded(43n, 'ActionStarted', 'action-A2', { actionId: 'A2', planId: 'SIP', rag: 'G' })]); // after shutdown: ignored
    // A stream opened after the shutdown ends at once.
    let lateCompleted = false;
    controller.stream().subscribe({ complete: () => (lateCompleted = true) });
    expect(lateCompleted).toBe(true);
    subscription.unsubscribe();
  });
});
