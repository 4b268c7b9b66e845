import type { Comparator, MeasureUnit, Polarity } from '@rag-ledger/contract';

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
  };
}

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

export type MeasureEvent =
  | MeasureDefined
  | MeasureTargetSet
  | MeasureValueRecorded
  | MeasureValueRevised
  | MeasureComparatorRecorded
  | MeasureRagOverridden;


export const MEASURE_EVENT_TYPES: readonly MeasureEvent['type'][] = [
  'MeasureDefined',
  'MeasureTargetSet',
  'MeasureValueRecorded',
  'MeasureValueRevised',
  'MeasureComparatorRecorded',
  'MeasureRagOverridden',
];
