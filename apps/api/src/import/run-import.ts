import { randomUUID } from 'node:crypto';
import {
  actionDecider,
  importStream,
  measureDecider,
  milestoneDecider,
  planDecider,
  streamCategoryOf,
  type ActionEvent,
  type ActionState,
  type Decider,
  type MeasureState,
  type MilestoneState,
  type PlanEvent,
  type PlanState,
} from '@rag-ledger/domain';
import { NO_STREAM, readStreamOrEmpty, WrongExpectedVersionError, type EventData, type EventStore, type RecordedEvent } from '@rag-ledger/event-store';
import {
  eventLoop,
  planImportInSteps,
  ROWS_PER_STEP,
  type CurrentState,
  type CurrentStream,
  type ImportFile,
  type ImportOptions,
  type ImportReport,
  type StreamAppend,
} from '@rag-ledger/import';
import {
  contentId,
  IdempotencyKeyReusedError,
  keyedEventId,
  keyedId,
  PartialWriteError,
  requestFingerprint,
  sameRequest,
  WritePath,
  type StreamAppendRequest,
  type WriteContext, type Clock
} from '@rag-ledger/write-path';

export interface ImportProgress {
  rowsRead: number;
  streamsWritten: number;
  streamsToWrite: number;
  actionsWritten: number;
}

export type ImportResult = ImportReport & {
  /** The log position of the import's last event; null when it wrote nothing. */
  position: number | null;
  /** The plans this run wrote events for, in the order written. */
  plansWritten: string[];
};

/** The event that records a keyed import's answer, so that a repeat can give it again. */
export const IMPORT_RECORDED = 'PlansImported';

/** The stream holding a keyed import's record: one per person and key. Not projected. */
export const importRecordStream = (actorId: string, key: string) => importStream(keyedId(actorId, key, 'import'));

/**
 * A store that writes stream by stream (EventStoreDB) failed part-way. What was written stays;
 * running the same import again (with the same Idempotency-Key, if it had one) writes the rest.
 */
export class ImportIncompleteError extends Error {
  override readonly name = 'ImportIncompleteError';
  constructor(
    readonly plansWritten: string[],
    readonly plansNotWritten: string[],
    override readonly cause: unknown,
  ) {
    super(
      `The import stopped part-way (${cause instanceof WrongExpectedVersionError ? 'someone changed a plan or action at the same time' : cause instanceof Error ? cause.message : String(cause)}). ` +
        `${plansWritten.length > 0 ? `Written in full: ${plansWritten.join(', ')}. ` : ''}` +
        `${plansNotWritten.length > 0 ? `Not written, or only in part: ${plansNotWritten.join(', ')}. ` : 'Only the record of the import is missing. '}` +
        'Run the same import again (with the same Idempotency-Key, if it had one) to complete it: nothing is written twice.',
    );
  }
}

/**
 * Brings the store in line with a plan file, through the write path every command takes:
 * reads the current state of every plan, action, measure and milestone the file names (and of
 * the plans' other actions), lets the pure planner decide every append, then writes them as one decision
 * (see WritePath.appendMany): on the embedded store all or nothing; on EventStoreDB stream
 * by stream, plan by plan, with event ids derived from the Idempotency-Key (or the file's
 * content), so running it again completes a partial import without writing anything twice.
 *
 * Under an Idempotency-Key the answer is also recorded (a PlansImported event in the key's
 * own stream, written with the rest), so a repeat answers the first report and writes nothing,
 * and the same key sent with another file is refused.
 */
export async function importPlans(
  writePath: WritePath,
  file: ImportFile,
  options: ImportOptions,
  context: WriteContext,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const { store } = writePath;
  const key = context.idempotencyKey;
  const request = { command: 'ImportPlans', file, options: { withdrawMissing: options.withdrawMissing === true } };
  // One import, one causation id; a keyed import run again to complete it keeps the same one.
  const identity = writePath.identify(context, request, key === undefined ? randomUUID() : keyedId(context.actor.id, key, 'import causation'));
  const recordStream = key === undefined ? undefined : importRecordStream(context.actor.id, key);
  if (recordStream) {
    const earlier = await earlierAnswer(store, recordStream, identity.fingerprint as string);
    if (earlier) return earlier;
  }

  const current = await readCurrentState(store, file);
  const { appends, report } = await planImportInSteps(file, current, options);
  if (appends.length === 0) return { ...report, position: null, plansWritten: [] };
  const plansWritten = [...new Set(appends.map((a) => a.planId))];
  const answer: ImportResult = { ...report, position: null, plansWritten };

  const metadata = writePath.metadata(context, identity);
  const atomic = writePath.atomic;
  // Only a store that writes stream by stream needs ids derived from the file itself.
  const content = atomic ? '' : (identity.fingerprint ?? requestFingerprint(request));
  let index = 0;
  // Atomic and keyed: the ids every keyed command uses (person, key, index), so the embedded
  // store's index of event ids refuses the key if it was used for anything else. Not atomic:
  // ids of the stream, its revision and the key (or content), so a re-run that completes a
  // partial import derives the same ids for what it writes again, and the store drops repeats.
  const idFor = (streamId: string, expected: bigint | undefined, i: number): string => {
    const n = index++;
    if (atomic) return key === undefined ? randomUUID() : keyedEventId(context.actor.id, key, n);
    return contentId(key === undefined ? `content\n${content}` : `key\n${context.actor.id}\n${key}`, streamId, String(expected ?? 'new'), String(i));
  };
  const requests: Array<StreamAppendRequest & { planId?: string }> = appends.map((a: StreamAppend) => ({
    streamId: a.streamId,
    planId: a.planId,
    expectedRevision: a.expectedRevision ?? NO_STREAM,
    events: a.events.map((e, i): EventData => ({ id: idFor(a.streamId, a.expectedRevision, i), type: e.type, data: e.data, metadata })),
  }));
  // The answer's position is the import's last plan or action event (the record is not
  // projected, so ?minPosition= could never reach it): a repeat finds it by stream and revision.
  const last = appends[appends.length - 1];
  const lastEvent = { streamId: last.streamId, revision: String((last.expectedRevision ?? -1n) + BigInt(last.events.length)) };
  if (recordStream) {
    const record: ImportRecord = { report: answer, lastEvent };
    requests.push({
      streamId: recordStream,
      expectedRevision: NO_STREAM,
      events: [{ id: idFor(recordStream, undefined, 0), type: IMPORT_RECORDED, data: record, metadata }],
    });
  }

  let actionsWritten = 0;
  try {
    const results = await writePath.appendMany(requests, context, (i) => {
      if (streamCategoryOf(requests[i].streamId) === 'action') actionsWritten++;
      onProgress?.({ rowsRead: file.rowsRead, streamsWritten: i + 1, streamsToWrite: requests.length, actionsWritten });
    });
    return { ...answer, position: Number(results[appends.length - 1].position) };
  } catch (error) {
    if (!(error instanceof PartialWriteError)) throw error;
    const failedPlan = requests[error.written].planId;
    const done = plansWritten.slice(0, failedPlan === undefined ? plansWritten.length : plansWritten.indexOf(failedPlan));
    throw new ImportIncompleteError(done, plansWritten.filter((p) => !done.includes(p)), error.cause);
  }
}

/** importPlans on a write path of its own over `store` (benchmarks, test fixtures, scripts). */
export function runImport(
  store: EventStore,
  clock: Clock,
  file: ImportFile,
  options: ImportOptions,
  context: WriteContext,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  return importPlans(new WritePath(store, clock), file, options, context, onProgress);
}

/** A keyed import's first answer, when it was recorded; the same key with another file is refused. */
async function earlierAnswer(store: EventStore, recordStream: string, fingerprint: string): Promise<ImportResult | undefined> {
  const [recorded] = await readStreamOrEmpty(store, recordStream, { maxCount: 1 });
  if (!recorded) return undefined;
  if (!sameRequest(recorded.metadata, fingerprint)) throw new IdempotencyKeyReusedError();
  const { report, lastEvent } = recorded.data as ImportRecord;
  const [lastWritten] = await readStreamOrEmpty(store, lastEvent.streamId, { fromRevision: BigInt(lastEvent.revision), maxCount: 1 });
  return { ...report, position: Number((lastWritten ?? recorded).position) };
}

/** What a keyed import records: its report, and where its last plan or action event is (revision as text: JSON has no bigint). */
interface ImportRecord {
  report: ImportResult;
  lastEvent: { streamId: string; revision: string };
}

/** Every ROWS_PER_STEP streams or events read, the event loop gets a turn (see steps.ts). */
async function readCurrentState(store: EventStore, file: ImportFile): Promise<CurrentState> {
  const fileplanIds = new Set(file.plans.map((p) => p.id));
  const planIds = new Set<string>();
  const actionIdsByPlan = new Map<string, string[]>();
  let read = 0;
  const step = async () => {
    if (++read % ROWS_PER_STEP === 0) await eventLoop.nextTurn();
  };
  // The plans' actions as the log records them (the read models may lag behind), and every
  // plan, whose ids no other plan may take.
  for await (const event of store.readAll()) {
    await step();
    if (event.type === 'PlanCreated') planIds.add((event.data as PlanEvent['data']).planId);
    if (event.type !== 'ActionAdded') continue;
    const data = event.data as ActionEvent['data'];
    if (!fileplanIds.has(data.planId)) continue;
    actionIdsByPlan.set(data.planId, [...(actionIdsByPlan.get(data.planId) ?? []), data.actionId]);
  }
  const plans = new Map<string, CurrentStream<PlanState>>();
  for (const id of fileplanIds) plans.set(id, await fold(store, planDecider, id, step));
  const actionIds = new Set([...file.plans.flatMap((p) => p.workstreams.flatMap((w) => w.actions.map((a) => a.id))), ...[...actionIdsByPlan.values()].flat()]);
  const actions = new Map<string, CurrentStream<ActionState>>();
  for (const id of actionIds) actions.set(id, await fold(store, actionDecider, id, step));
  const measures = new Map<string, CurrentStream<MeasureState>>();
  for (const id of file.plans.flatMap((p) => p.measures.map((m) => m.id))) {
    measures.set(id, await fold(store, measureDecider, id, step));
  }
  const milestones = new Map<string, CurrentStream<MilestoneState>>();
  for (const id of file.plans.flatMap((p) => p.milestones.map((m) => m.id))) {
    milestones.set(id, await fold(store, milestoneDecider, id, step));
  }
  return { plans, actions, measures, milestones, actionIdsByPlan, planIds };
}

/** The current state of one entity, folded by its feature's decider. */
async function fold<State, Event>(
  store: EventStore,
  decider: Decider<State, unknown, Event>,
  id: string,
  step: () => Promise<void>,
): Promise<CurrentStream<State>> {
  await step();
  const events: RecordedEvent[] = await readStreamOrEmpty(store, decider.streamOf(id));
  return {
    state: events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), decider.initialState()),
    revision: events.length > 0 ? events[events.length - 1].revision : undefined,
  };
}
