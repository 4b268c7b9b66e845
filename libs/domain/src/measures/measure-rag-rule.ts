import { formatValue } from '@rag-ledger/contract';

import type { Rag } from '../shared/status';
import { periodsInOrder } from './measure-period';
import type { MeasureJudgement, Polarity } from './measure.events';
import type { ExistingMeasure } from './measure.state';

/**
 * The first RAG rule for outcome measures. Judged on the latest period with a value:
 * on or better than that period's target is Green; worse by no more than the Amber
 * tolerance (in the measure's unit) is Amber; worse by more is Red; no target, no RAG.
 * The rule is named in every judgement so that a later rule never rewrites what a board saw.
 */
export const MEASURE_RAG_RULE = 'measure-rag/1';

const RAG_WORDS: Record<Rag, string> = { G: 'Green', A: 'Amber', R: 'Red' };
/** How a figure is written is part of the contract with the web board (libs/contract). */
export { formatValue } from '@rag-ledger/contract';

export function judgeValue(value: number, target: number, polarity: Polarity, tolerance: number): Rag {
  const shortfall = polarity === 'higher' ? target - value : value - target;
  if (shortfall <= 0) return 'G';
  // Round away floating-point noise: 79.9 against 80 with tolerance 0.1 is Amber.
  return Math.round(shortfall * 1e9) / 1e9 <= tolerance ? 'A' : 'R';
}

export function judgeMeasure(measure: Pick<ExistingMeasure, 'values' | 'targets' | 'polarity' | 'amberTolerance' | 'unit'>): MeasureJudgement {
  const periods = periodsInOrder(Object.keys(measure.values));
  const period = periods[periods.length - 1];
  if (period === undefined) return { rule: MEASURE_RAG_RULE, rag: null, period: null, explanation: 'No value recorded yet: no RAG' };
  const { value, provisional } = measure.values[period];
  const shown = `${formatValue(value, measure.unit)}${provisional ? ' (provisional)' : ''} in ${period}`;
  const target = measure.targets[period];
  if (target === undefined) return { rule: MEASURE_RAG_RULE, rag: null, period, explanation: `${shown}, no target for ${period}: no RAG` };
  const rag = judgeValue(value, target, measure.polarity, measure.amberTolerance);
  return { rule: MEASURE_RAG_RULE, rag, period, explanation: `${shown} against target ${formatValue(target, measure.unit)}: ${RAG_WORDS[rag]}` };
}

/** improving / worsening / steady, from the previous period's value to the latest, by the measure's polarity. */
export function directionOfTravel(measure: Pick<ExistingMeasure, 'values' | 'polarity'>): 'improving' | 'worsening' | 'steady' | null {
  const periods = periodsInOrder(Object.keys(measure.values));
  if (periods.length < 2) return null;
  const latest = measure.values[periods[periods.length - 1]].value;
  const previous = measure.values[periods[periods.length - 2]].value;
  if (latest === previous) return 'steady';
  return (latest > previous) === (measure.polarity === 'higher') ? 'improving' : 'worsening';
}
