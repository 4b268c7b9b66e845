import { randomUUID } from 'node:crypto';
import { NO_STREAM, readStreamOrEmpty, type EventStore } from '@rag-ledger/event-store';
import {
  evolveAction,
  evolvePlan,
  initialActionState,
  initialPlanState,
  planStream,
  actionStream,
  evolveMeasure,
  initialMeasureState,
  measureStream,
  type MeasureEvent,
  type MeasureState,
  type Actor,
  type ActionEvent,
  type ActionState,
  type EventMetadata,
  type PlanEvent,
  type PlanState,
} from '@rag-ledger/domain';
import { planImport, type CurrentState, type CurrentStream, type ImportFile, type ImportOptions, type ImportReport } from '@rag-ledger/import';
import type { Clock } from '../common/clock';

export interface ImportContext {
  actor: Actor;
  correlationId: string;
  idempotencyKey?: string;
}

export interface ImportProgress {
  rowsRead: number;
  streamsWritten: number;
  streamsToWrite: number;
  actionsWritten: number;
}

export type ImportResult = ImportReport & { position: number | null };

/**
 * Brings the store in line with a plan file: reads the current state of every
 * plan and action the file names (and of the plans' other actions), lets the pure
 * planner decide the events, then appends them stream by stream at the revisions
 * read, so a concurrent change is refused rather than overwritten.
 */
export async function runImport(
  store: EventStore,
  clock: Clock,
  file: ImportFile,
  options: ImportOptions,
  context: ImportContext,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const current = await readCurrentState(store, file);
  const { appends, report } = planImport(file, current, options);
  const metadata: EventMetadata = {
    actor: context.actor,
    at: clock.now().toISOString(),
    correlationId: context.correlationId,
    causationId: randomUUID(),
    ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
  };
  let position: number | null = null;
  let actionsWritten = 0;
  for (const [index, append] of appends.entries()) {
    const result = await store.appendToStream(
      append.streamId,
      append.events.map((e) => ({ type: e.type, data: e.data, metadata })),
      { expectedRevision: append.expectedRevision ?? NO_STREAM },
    );
    position = Number(result.position);
    if (append.streamId.startsWith('action-')) actionsWritten++;
    onProgress?.({ rowsRead: file.rowsRead, streamsWritten: index + 1, streamsToWrite: appends.length, actionsWritten });
  }
  return { ...report, position };
}

async function readCurrentState(store: EventStore, file: ImportFile): Promise<CurrentState> {
  const planIds = new Set(file.plans.map((p) => p.id));
  const actionIdsByPlan = new Map<string, string[]>();
  // The plans' actions as the log records them (the read models may lag behind).
  for await (const event of store.readAll()) {
    if (event.type !== 'ActionAdded') continue;
    const data = event.data as ActionEvent['data'];
    if (!planIds.has(data.planId)) continue;
    actionIdsByPlan.set(data.planId, [...(actionIdsByPlan.get(data.planId) ?? []), data.actionId]);
  }
  const plans = new Map<string, CurrentStream<PlanState>>();
  for (const id of planIds) plans.set(id, await fold(store, planStream(id), initialPlanState(), evolvePlan));
  const actionIds = new Set([...file.plans.flatMap((p) => p.workstreams.flatMap((w) => w.actions.map((a) => a.id))), ...[...actionIdsByPlan.values()].flat()]);
  const actions = new Map<string, CurrentStream<ActionState>>();
  for (const id of actionIds) actions.set(id, await fold(store, actionStream(id), initialActionState(), evolveAction));
  const measures = new Map<string, CurrentStream<MeasureState>>();
  for (const id of file.plans.flatMap((p) => p.measures.map((m) => m.id))) {
    measures.set(id, await fold(store, measureStream(id), initialMeasureState(), evolveMeasure));
  }
  return { plans, actions, measures, actionIdsByPlan };
}

async function fold<State, Event extends PlanEvent | ActionEvent | MeasureEvent>(
  store: EventStore,
  streamId: string,
  initial: State,
  evolve: (state: State, event: Event) => State,
): Promise<CurrentStream<State>> {
  const events = await readStreamOrEmpty(store, streamId);
  return {
    state: events.reduce((s, e) => evolve(s, { type: e.type, data: e.data } as Event), initial),
    revision: events.length > 0 ? events[events.length - 1].revision : undefined,
  };
}
