import type { Comparator, MeasureUnit, Polarity, SchoolIndicator, SchoolPhase } from '@rag-ledger/contract';

import type { Rag } from '../shared/status';

/** Units, polarities and comparators are part of the contract with the web board (libs/contract). */
export { COMPARATORS, MEASURE_UNITS, POLARITIES, type Comparator, type MeasureUnit, type Polarity } from '@rag-ledger/contract';

/** The judgement of a measure after a change, kept in the event with the rule that made it. */
export interface MeasureJudgement {
  rule: string;
  rag: Rag | null;
  period: string | null;
  explanation: string;
}

interface MeasureEventData {
  measureId: string;
  planId: string;
}

export interface MeasureDefined {
  type: 'MeasureDefined';
  data: MeasureEventData & {
    workstreamId?: string;
    name: string;
    unit: MeasureUnit;
    polarity: Polarity;
    baseline?: { period: string; value: number };
    /** How far worse than target, in the measure's unit, is still Amber. */
    amberTolerance: number;
    /**
     * A measure whose figures the schools register computes (issue 19): nobody types its
     * values; they are read from the register on each period's last day. With an indicator,
     * and optionally the phase of school it counts.
     */
    computedFrom?: MeasureSource;
    indicator?: SchoolIndicator;
    phase?: SchoolPhase;
  };
}

/** Where a measure's figures come from, when not typed in: the schools register. */
export const MEASURE_SOURCES = ['register'] as const;
export type MeasureSource = (typeof MEASURE_SOURCES)[number];

export interface MeasureTargetSet {
  type: 'MeasureTargetSet';
  data: MeasureEventData & { period: string; value: number; judgement: MeasureJudgement };
}

export interface MeasureValueRecorded {
  type: 'MeasureValueRecorded';
  data: MeasureEventData & { period: string; value: number; provisional: boolean; source?: string; judgement: MeasureJudgement };
}

/** Re-baselining or correcting a recorded value, with the reason. */
export interface MeasureValueRevised {
  type: 'MeasureValueRevised';
  data: MeasureEventData & { period: string; value: number; previous: number; reason: string; judgement: MeasureJudgement };
}

export interface MeasureComparatorRecorded {
  type: 'MeasureComparatorRecorded';
  data: MeasureEventData & { period: string; comparator: Comparator; value: number };
}

/** A person's RAG, shown beside the computed one, never in its place. */
export interface MeasureRagOverridden {
  type: 'MeasureRagOverridden';
  data: MeasureEventData & { rag: Rag; reason: string; computed: MeasureJudgement };
}

/**
 * What the council predicts the measure will be for a period ("When will Norfolk schools get
 * to Good?", 000:1036-1053), beside its target. A later prediction for the period stands in
 * place of the earlier one; the log keeps both.
 */
export interface MeasurePredictionRecorded {
  type: 'MeasurePredictionRecorded';
  data: MeasureEventData & { period: string; value: number; previous?: number; reason?: string };
}

export type MeasureEvent =
  | MeasureDefined
  | MeasureTargetSet
  | MeasureValueRecorded
  | MeasureValueRevised
  | MeasureComparatorRecorded
  | MeasureRagOverridden
  | MeasurePredictionRecorded;

export const MEASURE_EVENT_TYPES: readonly MeasureEvent['type'][] = [
  'MeasureDefined',
  'MeasureTargetSet',
  'MeasureValueRecorded',
  'MeasureValueRevised',
  'MeasureComparatorRecorded',
  'MeasureRagOverridden',
  'MeasurePredictionRecorded',
];
