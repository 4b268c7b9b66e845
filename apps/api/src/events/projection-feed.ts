import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Observable, ReplaySubject, Subject } from 'rxjs';
import { PLAN_RECORD_STREAM_PREFIXES, SCHOOL_RECORD_STREAM_PREFIXES, STREAM_CATEGORIES } from '@rag-ledger/contract';
import type { RecordedEvent } from '@rag-ledger/event-store';

/** One event of a committed batch, as the browser hears of it: ids and type, never the data. */
export interface FeedEvent {
  type: string;
  streamId: string;
  planId: string | null;
  actionId: string | null;
  position: number;
}

/** What the projections have just committed: the read models include everything up to `position`. */
export interface ProjectedBatch {
  position: number;
  events: FeedEvent[];
}

const idOf = (data: unknown, key: 'planId' | 'actionId'): string | null => {
  if (typeof data !== 'object' || data === null) return null;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
};

/** The action an event is about: its own actionId, or an evidence event's subject (the document attached to that action). */
const actionIdOf = (data: unknown): string | null => idOf(data, 'actionId') ?? (typeof data === 'object' && data !== null ? idOf((data as { subject?: unknown }).subject, 'actionId') : null);

/** The plans' own streams: what a board page may hear of. The directory of people is not among them. */
const PLAN_RECORD_STREAM = (event: RecordedEvent) => PLAN_RECORD_STREAM_PREFIXES.some((prefix) => event.streamId.startsWith(prefix));

/** The schools register's streams (schools and category schemes). */
const SCHOOL_RECORD_STREAM = (event: RecordedEvent) => SCHOOL_RECORD_STREAM_PREFIXES.some((prefix) => event.streamId.startsWith(prefix));

/**
 * What the page hears of the register: that it changed, and at which position, never which
 * school (a school's category is confidential, and every signed-in page holds the feed). The
 * stream is the category's prefix alone, so the page tells it by streamCategoryOf as any other.
 */
export const SCHOOL_REGISTER_CHANGED = 'SchoolRegisterChanged';

/**
 * Turns a committed batch into the message the event stream sends. Only the plans' events
 * are named (every signed-in person may hold a live board open, and who was granted what is
 * for admins and auditors); the register's events are one `SchoolRegisterChanged` per batch
 * at the last of them, naming no school; the position is still the batch's last, so a page
 * waiting for its own write hears that the read models have it.
 */
export function toProjectedBatch(events: RecordedEvent[]): ProjectedBatch {
  const feed = events.filter(PLAN_RECORD_STREAM).map((event) => ({
    type: event.type,
    streamId: event.streamId,
    planId: idOf(event.data, 'planId'),
    actionId: actionIdOf(event.data),
    position: Number(event.position),
  }));
  const lastOfRegister = events.filter(SCHOOL_RECORD_STREAM).at(-1);
  if (lastOfRegister) {
    const entry = { type: SCHOOL_REGISTER_CHANGED, streamId: STREAM_CATEGORIES.school, planId: null, actionId: null, position: Number(lastOfRegister.position) };
    // In the log's order with the plans' entries, as every entry of a batch is.
    const at = feed.findIndex((e) => e.position > entry.position);
    feed.splice(at === -1 ? feed.length : at, 0, entry);
  }
  return { position: events.length > 0 ? Number(events[events.length - 1].position) : 0, events: feed };
}

/**
 * The batches the projections commit, for the live boards: the ProjectionRunner's
 * `onBatch` publishes here, each open event stream subscribes. Completes when the
 * app shuts down, which ends every open stream before the HTTP server closes.
 */
@Injectable()
export class ProjectionFeed implements OnModuleDestroy {
  private readonly subject = new Subject<ProjectedBatch>();
  private readonly closingSubject = new ReplaySubject<void>(1);

  get batches(): Observable<ProjectedBatch> {
    return this.subject.asObservable();
  }

  /** Emits once, when the app shuts down (also to late subscribers). */
  get closing(): Observable<void> {
    return this.closingSubject.asObservable();
  }

  publish(events: RecordedEvent[]): void {
    if (events.length === 0 || this.subject.closed) return;
    this.subject.next(toProjectedBatch(events));
  }

  onModuleDestroy(): void {
    this.closingSubject.next();
    this.closingSubject.complete();
    this.subject.complete();
  }
}
