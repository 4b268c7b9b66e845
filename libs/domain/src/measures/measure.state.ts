import type { Rag } from '../shared/status';
import type { Comparator, MeasureDefined, MeasureEvent } from './measure.events';

export interface MeasureValue {
  value: number;
  provisional: boolean;
  source?: string;
  /** The value first recorded, when it was revised since. */
  revisedFrom?: number;
  revisionReason?: string;
}

export type ExistingMeasure = Omit<MeasureDefined['data'], 'measureId'> & {
  exists: true;
  id: string;
  values: Record<string, MeasureValue>;
  targets: Record<string, number>;
  comparators: Record<string, Partial<Record<Comparator, number>>>;
  /** The council's prediction per period (the latest recorded stands). Absent in rows stored before predictions existed. */
  predictions?: Record<string, number>;
  override?: { rag: Rag; reason: string };
};

export type MeasureState = { exists: false } | ExistingMeasure;

export const initialMeasureState = (): MeasureState => ({ exists: false });

export function evolveMeasure(state: MeasureState, event: MeasureEvent): MeasureState {
  if (event.type === 'MeasureDefined') {
    const { measureId, ...definition } = event.data;
    return { exists: true, id: measureId, ...definition, values: {}, targets: {}, comparators: {}, predictions: {} };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'MeasureTargetSet':
      return { ...state, targets: { ...state.targets, [event.data.period]: event.data.value } };
    case 'MeasureValueRecorded': {
      const { value, provisional, source } = event.data;
      return { ...state, values: { ...state.values, [event.data.period]: { value, provisional, ...(source ? { source } : {}) } } };
    }
    case 'MeasureValueRevised': {
      const current = state.values[event.data.period];
      const revised: MeasureValue = { ...current, value: event.data.value, revisedFrom: current?.revisedFrom ?? event.data.previous, revisionReason: event.data.reason };
      return { ...state, values: { ...state.values, [event.data.period]: revised } };
    }
    case 'MeasureComparatorRecorded':
      return {
        ...state,
        comparators: { ...state.comparators, [event.data.period]: { ...state.comparators[event.data.period], [event.data.comparator]: event.data.value } },
      };
    case 'MeasureRagOverridden':
      return { ...state, override: { rag: event.data.rag, reason: event.data.reason } };
    case 'MeasurePredictionRecorded':
      return { ...state, predictions: { ...state.predictions, [event.data.period]: event.data.value } };
    default:
      return state;
  }
}
