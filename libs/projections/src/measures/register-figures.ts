import { type ComputedValue, type MeasureDetails, type MeasurePoint, type SchoolIndicator, type SchoolPhase, type TrajectoryView, SCHOOL_PHASES } from '@rag-ledger/contract';
import {
  computeIndicator,
  directionOfTravel,
  judgeMeasure,
  periodSpan,
  periodsInOrder,
  type ExistingSchool,
  type IndicatorScheme,
  type MeasureValue,
} from '@rag-ledger/domain';

/** What a register measure reads of the schools register (SchoolsQueries answers it). */
export interface RegisterReader {
  /** Every registered school's state as at the UK day, open or not. */
  schoolsOn(day?: string): ExistingSchool[];
  schemes(): ReadonlyMap<string, IndicatorScheme>;
}

/**
 * Which of the schools counted the reader may be told of: the list cut to those they may see,
 * or undefined to name none (a school's category is confidential, 000:131-133).
 */
export type SchoolsShown = (schools: NonNullable<ComputedValue['schools']>) => ComputedValue['schools'] | undefined;

export const NO_SCHOOLS_SHOWN: SchoolsShown = () => undefined;

/**
 * The register read once per day for one request: a plan's measures board or the trajectory
 * reads several register measures whose periods end on the same days, and each read of a day
 * folds every school's events.
 */
export function readOncePerDay(register: RegisterReader): RegisterReader {
  const days = new Map<string, ExistingSchool[]>();
  let schemes: ReadonlyMap<string, IndicatorScheme> | undefined;
  return {
    schoolsOn(day = '') {
      if (!days.has(day)) days.set(day, register.schoolsOn(day || undefined));
      return days.get(day)!;
    },
    schemes: () => (schemes ??= register.schemes()),
  };
}

/**
 * A register measure's series with its figures computed, as of the UK day `day` (today, or
 * the `asOf` asked): each period is read from the register on its last day, or on `day` for
 * a period still running (then provisional). A period that had not begun by `day` has no
 * figure yet: the register then says nothing about it (today's figure is not next July's).
 * The RAG is judged by the same rule as any measure's (measure-rag-rule.ts), on the latest
 * period with a figure. A measure typed in comes back as it is.
 */
export function withRegisterFigures(measure: MeasureDetails, register: RegisterReader, day: string, shown: SchoolsShown): MeasureDetails {
  if (measure.computedFrom !== 'register' || measure.indicator === null) return measure;
  const { indicator } = measure;
  const phase = measure.phase ?? undefined;
  // Several periods may end on the same day (2014 and 2014-12): the register is read once a day.
  const once = readOncePerDay(register);
  const schemes = once.schemes();
  const schoolsOn = (on: string): ExistingSchool[] => once.schoolsOn(on);

  const series: MeasurePoint[] = measure.series.map((point) => {
    const span = periodSpan(point.period);
    if (!span || span.start > day) return { ...point, value: null, provisional: false };
    const on = span.end <= day ? span.end : day;
    const figure = computeIndicator(indicator, phase, schoolsOn(on), on, schemes);
    const names = shown(figure.schools);
    const computed: ComputedValue = { on, numerator: figure.numerator, denominator: figure.denominator, explanation: figure.explanation, ...(names ? { schools: names } : {}) };
    return { ...point, value: figure.value, provisional: span.end > day, source: 'Schools register', computed };
  });

  const values: Record<string, MeasureValue> = {};
  const targets: Record<string, number> = {};
  for (const point of series) {
    if (point.value !== null) values[point.period] = { value: point.value, provisional: point.provisional };
    if (point.target !== null) targets[point.period] = point.target;
  }
  const judgement = judgeMeasure({ values, targets, polarity: measure.polarity, amberTolerance: measure.amberTolerance, unit: measure.unit });
  const latest = series.find((p) => p.period === judgement.period)?.computed;
  return {
    ...measure,
    series,
    rag: judgement.rag,
    rule: judgement.rule,
    explanation: latest ? `${judgement.explanation}. ${latest.explanation}` : judgement.explanation,
    direction: directionOfTravel({ values, polarity: measure.polarity }),
  };
}

/**
 * "When will Norfolk schools get to Good?" (000:1036-1053): for each register measure of the
 * indicator (one per phase), its prediction and target periods in order, each with the
 * prediction, the target and the register's figure once the period has ended by `day`.
 * Numbers only: no school is named.
 */
export function trajectoryOf(indicator: SchoolIndicator, measures: readonly MeasureDetails[], register: RegisterReader, day: string): TrajectoryView {
  const phaseOrder = (phase: SchoolPhase | null) => (phase === null ? SCHOOL_PHASES.length : SCHOOL_PHASES.indexOf(phase));
  const once = readOncePerDay(register);
  const phases = measures
    .filter((m) => m.computedFrom === 'register' && m.indicator === indicator)
    .sort((a, b) => phaseOrder(a.phase) - phaseOrder(b.phase) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((m) => {
      const computed = withRegisterFigures(m, once, day, NO_SCHOOLS_SHOWN);
      const byPeriod = new Map(computed.series.map((p) => [p.period, p]));
      const periods = periodsInOrder(computed.series.filter((p) => p.predicted !== null || p.target !== null).map((p) => p.period)).map((period) => {
        const point = byPeriod.get(period)!;
        const ended = (periodSpan(period)?.end ?? day) <= day;
        return { period, predicted: point.predicted, target: point.target, actual: ended ? point.value : null };
      });
      return { phase: m.phase, measureId: m.id, planId: m.planId, name: m.name, periods };
    });
  return { asOf: day, indicator, phases };
}
