import type { Database } from 'better-sqlite3';
import { actionStream, directoryStream, measureStream, milestoneStream, planStream, type Actor, type EventMetadata } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import { openReadModelDatabase, readsType, type Projection, type TrackerEvent } from '@rag-ledger/projections';

/** An event as a spec gives it: the domain's event, with when and by whom if it matters. */
export type GivenEvent = TrackerEvent & { at?: string; actor?: Actor };

const OWNER: Actor = { id: 'ab', name: 'Andrea Brown', role: 'owner' };

const streamOf = (event: TrackerEvent): string => {
  const data = event.data as { planId: string; actionId?: string; measureId?: string; personId?: string; milestoneId?: string };
  // The directory's events name a person (and, for ownership, a plan): they are in the directory's one stream.
  if (data.personId !== undefined) return directoryStream();
  if (data.measureId !== undefined) return measureStream(data.measureId);
  if (data.milestoneId !== undefined) return milestoneStream(data.milestoneId);
  if (data.actionId !== undefined) return actionStream(data.actionId);
  return planStream(data.planId);
};

/**
 * Projection specs, given events then rows, on an in-memory read-model database: the events
 * are recorded as the log would hold them (positions from 1, revisions per stream, a minute
 * apart from 2013-11-01 09:00 unless `at` says otherwise) and applied as the runner applies
 * them, in one transaction, each projection given only the types it handles.
 *
 *   projectionSpec(() => new RagBoardProjection()).given(planCreated, actionAdded).then('SELECT ...', [rows])
 */
export function projectionSpec(create: () => Projection) {
  return {
    given(...events: GivenEvent[]) {
      const db = openReadModelDatabase(':memory:');
      const projection = create();
      projection.setup(db, 'live');
      const revisions = new Map<string, number>();
      const recorded = events.map(({ at, actor, ...event }, i): RecordedEvent => {
        const streamId = streamOf(event as TrackerEvent);
        const revision = (revisions.get(streamId) ?? -1) + 1;
        revisions.set(streamId, revision);
        const metadata: EventMetadata = {
          actor: actor ?? OWNER,
          at: at ?? new Date(Date.UTC(2013, 10, 1, 9, i)).toISOString(),
          correlationId: `request-${i}`,
          causationId: `command-${i}`,
        };
        return { streamId, revision: BigInt(revision), position: BigInt(i + 1), id: `event-${i + 1}`, type: event.type, data: event.data, metadata, created: new Date(metadata.at) };
      });
      db.transaction(() => {
        for (const event of recorded) if (readsType(projection, event.type)) projection.apply(event);
      })();
      return {
        db,
        /** The rows the query answers, exactly (closes the database). */
        then(sql: string, rows: unknown[]): void {
          try {
            expect(db.prepare(sql).all()).toEqual(rows);
          } finally {
            db.close();
          }
        },
      };
    },
  };
}

export type ProjectionSpec = ReturnType<typeof projectionSpec>;
export type Given = ReturnType<ProjectionSpec['given']>;
export type { Database };
