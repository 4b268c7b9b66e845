import { isOneOf, SCHOOL_INDICATORS, SCHOOL_PHASES } from '@rag-ledger/contract';

import { requireIdOfPlan } from '../plans/id-ownership';
import { PlanNotFoundError, WorkstreamNotInPlanError } from '../plans/plan.errors';
import type { PlanState } from '../plans/plan.state';
import { InvalidRagError, NothingToReviseError, requireReason } from '../shared/errors';
import { withoutUndefined } from '../shared/revisions';
import { isRag, type Rag } from '../shared/status';
import { judgeMeasure } from './measure-rag-rule';
import {
  InvalidMeasureNumberError,
  InvalidPeriodError,
  MeasureAlreadyExistsError,
  MeasureNotFoundError,
  NoValueToReviseError,
  RegisterMeasureDefinitionError,
  RegisterMeasureValueError,
  ValueAlreadyRecordedError,
} from './measure.errors';
import { COMPARATORS, MEASURE_SOURCES, MEASURE_UNITS, POLARITIES, type Comparator, type MeasureDefined, type MeasureEvent } from './measure.events';
import { evolveMeasure, type ExistingMeasure, type MeasureState } from './measure.state';

export type MeasureCommand =
  /** `plansPrefixingId`: the existing plans whose id and a dot begin the measure's id (see planIdsPrefixing). */
  | { type: 'DefineMeasure'; data: MeasureDefined['data']; plan: PlanState; plansPrefixingId?: readonly string[] }
  | { type: 'SetMeasureTarget'; data: { measureId: string; period: string; value: number } }
  | { type: 'RecordMeasureValue'; data: { measureId: string; period: string; value: number; provisional?: boolean; source?: string } }
  | { type: 'ReviseMeasureValue'; data: { measureId: string; period: string; value: number; reason: string } }
  | { type: 'RecordMeasureComparator'; data: { measureId: string; period: string; comparator: Comparator; value: number } }
  | { type: 'OverrideMeasureRag'; data: { measureId: string; rag: Rag; reason: string } }
  /** Any measure: the council's prediction for a period, shown beside the target (the trajectory view). */
  | { type: 'RecordMeasurePrediction'; data: { measureId: string; period: string; value: number; reason?: string } };

/** A year (2014), an academic or financial year (2013/14), a quarter (2014-Q1) or a month (2014-03). */
export const PERIOD_PATTERN = /^\d{4}(\/\d{2}|-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

export function decideMeasure(command: MeasureCommand, state: MeasureState): MeasureEvent {
  if (command.type === 'DefineMeasure') return define(command.data, command.plan, state, command.plansPrefixingId);
  if (!state.exists) throw new MeasureNotFoundError(command.data.measureId);
  const ids = { measureId: state.id, planId: state.planId };
  // The judgement after the change, as the rule sees it: stored with the event.
  const judged = (event: MeasureEvent) => judgeMeasure(evolveMeasure(state, event) as ExistingMeasure);

  switch (command.type) {
    case 'SetMeasureTarget': {
      const { period, value } = command.data;
      requirePeriod(period);
      requireNumber(value, 'A target');
      if (state.targets[period] === value) throw new NothingToReviseError(`the target for ${period}`);
      const event: MeasureEvent = { type: 'MeasureTargetSet', data: { ...ids, period, value, judgement: judged({ type: 'MeasureTargetSet', data: { ...ids, period, value } } as MeasureEvent) } };
      return event;
    }
    case 'RecordMeasureValue': {
      const { period, value, source } = command.data;
      requireTypedFigures(state);
      requirePeriod(period);
      requireNumber(value, 'A value');
      const existing = state.values[period];
      // A provisional value may be replaced by a later figure; a final one only by a revision with a reason.
      if (existing && !existing.provisional) throw new ValueAlreadyRecordedError(period);
      const data = withoutUndefined({ ...ids, period, value, provisional: command.data.provisional ?? false, source });
      return { type: 'MeasureValueRecorded', data: { ...data, judgement: judged({ type: 'MeasureValueRecorded', data } as MeasureEvent) } };
    }
    case 'ReviseMeasureValue': {
      const { period, value } = command.data;
      requireTypedFigures(state);
      requirePeriod(period);
      requireNumber(value, 'A value');
      const existing = state.values[period];
      if (!existing) throw new NoValueToReviseError(period);
      if (existing.value === value) throw new NothingToReviseError(`the value for ${period}`);
      const reason = requireReason(command.data.reason, 'revising the value');
      const data = { ...ids, period, value, previous: existing.value, reason };
      return { type: 'MeasureValueRevised', data: { ...data, judgement: judged({ type: 'MeasureValueRevised', data } as MeasureEvent) } };
    }
    case 'RecordMeasureComparator': {
      const { period, comparator, value } = command.data;
      requirePeriod(period);
      requireNumber(value, 'A comparator');
      if (!(COMPARATORS as readonly string[]).includes(comparator)) throw new InvalidMeasureNumberError(`comparator "${comparator}"`);
      if (state.comparators[period]?.[comparator] === value) throw new NothingToReviseError(`the ${comparator} comparator for ${period}`);
      return { type: 'MeasureComparatorRecorded', data: { ...ids, period, comparator, value } };
    }
    case 'OverrideMeasureRag': {
      if (!isRag(command.data.rag)) throw new InvalidRagError(command.data.rag);
      const reason = requireReason(command.data.reason, 'overriding the RAG');
      return { type: 'MeasureRagOverridden', data: { ...ids, rag: command.data.rag, reason, computed: judgeMeasure(state) } };
    }
    case 'RecordMeasurePrediction': {
      const { period, value } = command.data;
      requirePeriod(period);
      requireNumber(value, 'A prediction');
      const previous = state.predictions?.[period];
      if (previous === value) throw new NothingToReviseError(`the prediction for ${period}`);
      const reason = typeof command.data.reason === 'string' && command.data.reason.trim() !== '' ? command.data.reason : undefined;
      return { type: 'MeasurePredictionRecorded', data: withoutUndefined({ ...ids, period, value, previous, reason }) };
    }
  }
}

/** A register measure's figures are read from the register, never typed in. */
function requireTypedFigures(state: ExistingMeasure): void {
  if (state.computedFrom !== undefined) throw new RegisterMeasureValueError(state.id);
}

/**
 * A register measure names what it counts (an indicator, and a phase if it counts one phase)
 * and is a percentage of schools or pupils; a measure typed in names neither.
 */
function requireRegisterDefinition(data: MeasureDefined['data']): void {
  const { computedFrom, indicator, phase } = data;
  if (computedFrom === undefined) {
    if (indicator !== undefined || phase !== undefined) {
      throw new RegisterMeasureDefinitionError('An indicator or a phase of school is for a measure computed from the schools register: add computedFrom "register", or leave them out.');
    }
    return;
  }
  if (!isOneOf(MEASURE_SOURCES, computedFrom)) throw new RegisterMeasureDefinitionError(`"${String(computedFrom)}" is not where a measure's figures can come from; use "register" (the schools register).`);
  if (indicator === undefined) {
    throw new RegisterMeasureDefinitionError(`A measure computed from the schools register needs an indicator: one of ${SCHOOL_INDICATORS.join(', ')}.`);
  }
  if (!isOneOf(SCHOOL_INDICATORS, indicator)) throw new RegisterMeasureDefinitionError(`"${String(indicator)}" is not an indicator the register computes; use one of ${SCHOOL_INDICATORS.join(', ')}.`);
  if (phase !== undefined && !isOneOf(SCHOOL_PHASES, phase)) throw new RegisterMeasureDefinitionError(`"${String(phase)}" is not a phase of school; use one of ${SCHOOL_PHASES.join(', ')}.`);
  if (data.unit !== 'percent') throw new RegisterMeasureDefinitionError('A measure computed from the schools register is a percentage: its unit is "percent".');
}

function define(data: MeasureDefined['data'], plan: PlanState, state: MeasureState, plansPrefixingId?: readonly string[]): MeasureEvent {
  if (state.exists) throw new MeasureAlreadyExistsError(data.measureId);
  if (!plan.exists) throw new PlanNotFoundError(data.planId);
  requireIdOfPlan('measure', data.measureId, data.planId, plansPrefixingId);
  if (data.workstreamId !== undefined && !plan.workstreams.has(data.workstreamId)) throw new WorkstreamNotInPlanError(data.planId, data.workstreamId);
  if (!(MEASURE_UNITS as readonly string[]).includes(data.unit)) throw new InvalidMeasureNumberError(`unit "${data.unit}"`);
  if (!(POLARITIES as readonly string[]).includes(data.polarity)) throw new InvalidMeasureNumberError(`polarity "${data.polarity}"`);
  requireRegisterDefinition(data);
  requireNumber(data.amberTolerance, 'The Amber tolerance');
  if (data.amberTolerance < 0) throw new InvalidMeasureNumberError('The Amber tolerance (zero or more)');
  if (data.baseline) {
    requirePeriod(data.baseline.period);
    requireNumber(data.baseline.value, 'The baseline');
  }
  return { type: 'MeasureDefined', data: withoutUndefined(data) };
}

function requirePeriod(period: string): void {
  if (typeof period !== 'string' || !PERIOD_PATTERN.test(period)) throw new InvalidPeriodError(String(period));
}

function requireNumber(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidMeasureNumberError(what);
}
