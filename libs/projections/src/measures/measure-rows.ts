import {
  evolveMeasure,
  initialMeasureState,
  judgeMeasure,
  type Actor,
  type ExistingMeasure,
  type MeasureEvent,
  type MeasureJudgement,
} from '@rag-ledger/domain';
import { assertUnreachable } from '../tracker-events';

export interface MeasureRow {
  id: string;
  plan_id: string;
  workstream_id: string | null;
  /** The measure's state (definition, values, targets, comparators), as the domain folds it. */
  state: string;
  /** The judgement stored with the last event that made one. */
  judgement: string;
  /** The manual RAG, with who and when: shown beside the judgement. */
  override: string | null;
  last_changed_at: string;
  revision: number;
  seq: number;
}

/** Where an event stands in the log, and who made it when. */
export interface MeasureChange {
  at: string;
  actor: Actor;
  revision: number;
  position: number;
}

/**
 * How each event changes a measure's row: the same function feeds the current row and its
 * history, so the measures board as it stood on any date is what it showed then. Undefined
 * when the event leaves no measure (one that was never defined).
 */
export function nextMeasureRow(current: MeasureRow | undefined, event: MeasureEvent, c: MeasureChange): MeasureRow | undefined {
  const before = current ? (JSON.parse(current.state) as ExistingMeasure) : initialMeasureState();
  const state = evolveMeasure(before, event);
  if (!state.exists) return undefined;
  const judgement = judgementIn(event) ?? (current ? (JSON.parse(current.judgement) as MeasureJudgement) : judgeMeasure(state));
  const override =
    event.type === 'MeasureRagOverridden'
      ? JSON.stringify({ rag: event.data.rag, reason: event.data.reason, by: c.actor, at: c.at })
      : (current?.override ?? null);
  return {
    id: state.id,
    plan_id: state.planId,
    workstream_id: state.workstreamId ?? null,
    state: JSON.stringify(state),
    judgement: JSON.stringify(judgement),
    override,
    last_changed_at: c.at,
    revision: c.revision,
    seq: current?.seq ?? c.position,
  };
}

/** The judgement an event was stored with: a later rule never rewrites what a board saw. */
function judgementIn(event: MeasureEvent): MeasureJudgement | undefined {
  switch (event.type) {
    case 'MeasureTargetSet':
    case 'MeasureValueRecorded':
    case 'MeasureValueRevised':
      return event.data.judgement;
    case 'MeasureDefined':
    case 'MeasureComparatorRecorded':
    case 'MeasureRagOverridden':
    case 'MeasurePredictionRecorded':
      return undefined;
    default:
      return assertUnreachable(event);
  }
}
