import type { MessageEvent } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { streamCategoryOf } from '@rag-ledger/contract';
import type { RecordedEvent } from '@rag-ledger/event-store';
import type { ProjectionRunner } from '@rag-ledger/projections';
import type { Principal } from '../../apps/api/src/auth/principal';
import { EventsController, EXPIRED_MESSAGE, HEARTBEAT_MS } from '../../apps/api/src/events/events.controller';
import { ProjectionFeed, toProjectedBatch } from '../../apps/api/src/events/projection-feed';
import { MAX_STREAMS_PER_PERSON, StreamLimiter } from '../../apps/api/src/events/stream-limiter';

const board = (id: string): Principal => ({ id, name: `Board member ${id}`, roles: ['board'], plans: [] });
const controllerOn = (feed: ProjectionFeed, limiter = new StreamLimiter()) =>
  new EventsController(feed, { position: 41n } as unknown as ProjectionRunner, limiter);

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

  it("names an evidence event's action from its subject, so the action page hears of its documents; a measure's document names none", () => {
    const batch = toProjectedBatch([
      recorded(20n, 'EvidenceAttached', 'evidence-d1', { documentId: 'd1', planId: 'SIP', subject: { kind: 'action', actionId: 'A1' }, fileName: 'minutes.pdf' }),
      recorded(21n, 'EvidenceWithdrawn', 'evidence-d2', { documentId: 'd2', planId: 'SIP', subject: { kind: 'measure', measureId: 'SIP.M.1' }, reason: 'wrong file' }),
    ]);
    expect(batch.events).toEqual([
      { type: 'EvidenceAttached', streamId: 'evidence-d1', planId: 'SIP', actionId: 'A1', position: 20 },
      { type: 'EvidenceWithdrawn', streamId: 'evidence-d2', planId: 'SIP', actionId: null, position: 21 },
    ]);
    expect(JSON.stringify(batch)).not.toContain('minutes.pdf');
  });

  it('names no event of the directory of people, but keeps the batch position', () => {
    const batch = toProjectedBatch([
      recorded(10n, 'ActionStarted', 'action-A1', { actionId: 'A1', planId: 'SIP', rag: 'G' }),
      recorded(11n, 'RoleGranted', 'directory-people', { personId: 'cs', role: 'auditor', reason: 'Internal audit' }),
    ]);
    expect(batch).toEqual({ position: 11, events: [{ type: 'ActionStarted', streamId: 'action-A1', planId: 'SIP', actionId: 'A1', position: 10 }] });
    expect(toProjectedBatch([recorded(12n, 'PersonAdded', 'directory-people', { personId: 'x', name: 'X', initials: 'X' })])).toEqual({ position: 12, events: [] });
  });

  it("names no school: the register's events are one SchoolRegisterChanged per batch, at the last of them, in the category's stream alone", () => {
    const batch = toProjectedBatch([
      recorded(30n, 'SchoolCategorised', 'school-121212', { urn: '121212', scheme: 'norfolk', category: 'A4', categorisedOn: '2013-09-01', reason: 'confidential words' }),
      recorded(31n, 'ActionStarted', 'action-A1', { actionId: 'A1', planId: 'SIP', rag: 'G' }),
      recorded(32n, 'VisitRecorded', 'school-131313', { urn: '131313', visitId: 'v1', visitedOn: '2013-09-20', officer: 'Janet Warburton', purpose: 'Monitoring', notes: '', rag: 'R' }),
      recorded(33n, 'CategorySchemeRevised', 'scheme-norfolk', { schemeId: 'norfolk', name: 'Norfolk', categories: [], reason: 'x' }),
      recorded(34n, 'ActionStarted', 'action-A2', { actionId: 'A2', planId: 'SIP', rag: 'G' }),
    ]);
    expect(batch).toEqual({
      position: 34,
      events: [
        { type: 'ActionStarted', streamId: 'action-A1', planId: 'SIP', actionId: 'A1', position: 31 },
        { type: 'SchoolRegisterChanged', streamId: 'school-', planId: null, actionId: null, position: 33 },
        { type: 'ActionStarted', streamId: 'action-A2', planId: 'SIP', actionId: 'A2', position: 34 },
      ],
    });
    expect(streamCategoryOf(batch.events[1].streamId)).toBe('school');
    expect(JSON.stringify(batch)).not.toMatch(/121212|131313|A4|confidential|norfolk|Categorised|Visit/);
    // A batch of plans' events alone says nothing of the register.
    expect(toProjectedBatch([recorded(35n, 'ActionStarted', 'action-A1', { actionId: 'A1', planId: 'SIP', rag: 'G' })]).events.map((e) => e.type)).toEqual(['ActionStarted']);
  });

  it('starts with the position, sends every batch, a heartbeat comment every 15 s, and ends on shutdown', () => {
    jest.useFakeTimers();
    const feed = new ProjectionFeed();
    const controller = controllerOn(feed);
    const seen: MessageEvent[] = [];
    let completed = false;
    const subscription: Subscription = controller.stream(board('chair'), undefined).subscribe({ next: (m) => seen.push(m), complete: () => (completed = true) });

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
    controller.stream(board('late'), undefined).subscribe({ complete: () => (lateCompleted = true) });
    expect(lateCompleted).toBe(true);
    subscription.unsubscribe();
  });

  it('says the token has expired and ends when it does, not before', () => {
    jest.useFakeTimers({ now: new Date('2014-01-10T09:00:00Z') });
    const controller = controllerOn(new ProjectionFeed());
    const seen: MessageEvent[] = [];
    let completed = false;
    controller.stream(board('chair'), Date.now() + 40_000).subscribe({ next: (m) => seen.push(m), complete: () => (completed = true) });
    jest.advanceTimersByTime(39_999);
    expect(completed).toBe(false);
    expect(seen.filter((m) => m.type === 'expired')).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(seen[seen.length - 1]).toEqual({ type: 'expired', data: { message: EXPIRED_MESSAGE } });
    expect(completed).toBe(true);
  });

  it('waits for a token that expires in more than 24.8 days (the longest setTimeout) without ending at once', () => {
    jest.useFakeTimers({ now: new Date('2014-01-10T09:00:00Z') });
    const controller = controllerOn(new ProjectionFeed());
    let completed = false;
    const days = 40;
    controller.stream(board('chair'), Date.now() + days * 86_400_000).subscribe({ complete: () => (completed = true) });
    jest.advanceTimersByTime(30 * 86_400_000);
    expect(completed).toBe(false);
    jest.advanceTimersByTime(10 * 86_400_000);
    expect(completed).toBe(true);
  });

  it(`lets one person open ${MAX_STREAMS_PER_PERSON} streams, refuses the next with 429, and gives a place back when one ends`, () => {
    const limiter = new StreamLimiter();
    const feed = new ProjectionFeed();
    const controller = controllerOn(feed, limiter);
    const streams = Array.from({ length: MAX_STREAMS_PER_PERSON }, () => controller.stream(board('chair'), undefined).subscribe());
    expect(limiter.count('chair')).toBe(MAX_STREAMS_PER_PERSON);
    let refusal: unknown;
    try {
      controller.stream(board('chair'), undefined);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ status: 429, response: { message: expect.stringMatching(/already have 5 live update streams open/) } });
    // Someone else is not affected.
    const other = controller.stream(board('vice-chair'), undefined).subscribe();
    streams[0].unsubscribe();
    streams[0].unsubscribe();
    expect(limiter.count('chair')).toBe(MAX_STREAMS_PER_PERSON - 1);
    streams.push(controller.stream(board('chair'), undefined).subscribe());
    feed.onModuleDestroy(); // ends them all
    expect(limiter.count('chair')).toBe(0);
    expect(limiter.count('vice-chair')).toBe(0);
    other.unsubscribe();
  });
});
