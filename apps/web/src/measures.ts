/**
 * Outcome measures as a board member reads them: figures in their unit, the direction of
 * travel and the override in words, what changed on a board, and each history entry.
 * Unit-tested under Node too.
 */
import {
  type ActionStatus, type Comparator, type Direction,   formatValue, type HistoryEntry, MEASURE_UNITS,
type MeasureBoardRow, type MeasureOverride, type MeasurePoint, type MeasureUnit,
  type Part, type Polarity, type Rag,
  SCHOOL_INDICATOR_LABELS, SCHOOL_PHASE_LABELS, type SchoolIndicator, type SchoolPhase,
} from './contract.js';

export const UNIT_NAMES: Record<MeasureUnit, string> = { percent: 'Percentage', count: 'Count', days: 'Days', rate: 'Rate' };

export const COMPARATOR_NAMES: Record<Comparator, string> = {
  national: 'National',
  statisticalNeighbours: 'Statistical neighbours',
  regional: 'Regional',
};

/** A figure in the measure's unit, as the API writes it in its explanations; nothing for no figure. */
export function formatMeasureValue(value: number | null | undefined, unit: MeasureUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return formatValue(value, unit);
}

export const polarityText = (polarity: Polarity): string => (polarity === 'lower' ? 'Lower is better' : 'Higher is better');

/** The direction of travel in words: never an arrow or a colour alone. */
export function directionText(direction: Direction): string {
  switch (direction) {
    case 'improving':
      return 'Improving';
    case 'worsening':
      return 'Worsening';
    case 'steady':
      return 'Steady';
    default:
      return 'Not known yet (fewer than two values)';
  }
}

/** "overridden by Chris Snudden: Eight of the twelve have improvement plans signed off". */
export const overrideText = (override: MeasureOverride): string => `overridden by ${override.by.name}: ${override.reason}`;

/** "revised from 81%: Re-inspections reclassified 12 schools", or nothing when the value was never revised. */
export function revisionText(point: Pick<MeasurePoint, 'revisedFrom' | 'revisionReason'>, unit: MeasureUnit): string {
  if (point.revisedFrom === null || point.revisedFrom === undefined) return '';
  return `revised from ${formatMeasureValue(point.revisedFrom, unit)}${point.revisionReason ? `: ${point.revisionReason}` : ''}`;
}

/** The measures whose row changed between two reads of the board (or that are new). */
export function changedMeasures(before: MeasureBoardRow[], after: MeasureBoardRow[]): MeasureBoardRow[] {
  const old = new Map(before.map((m) => [m.id, m]));
  return after.filter((m) => {
    const o = old.get(m.id);
    return (
      !o ||
      o.lastChangedAt !== m.lastChangedAt ||
      o.rag !== m.rag ||
      o.value !== m.value ||
      o.period !== m.period ||
      o.provisional !== m.provisional ||
      o.target !== m.target ||
      o.national !== m.national ||
      (o.override?.at ?? null) !== (m.override?.at ?? null)
    );
  });
}

/** The judgement an entry carries (the rule's RAG and its explanation), if any. */
export function judgementOf(entry: HistoryEntry): { rag: Rag | null; explanation: string } | null {
  const j = (entry.type === 'MeasureRagOverridden' ? entry.data?.computed : entry.data?.judgement) as { rag?: unknown; explanation?: unknown } | undefined;
  if (!j || typeof j.explanation !== 'string') return null;
  const rag = j.rag === 'G' || j.rag === 'A' || j.rag === 'R' ? j.rag : null;
  return { rag, explanation: j.explanation };
}

/**
 * What a measure's history entry did, as parts (a string is text, { status } a chip).
 * The reason (revision, override) is the entry's `reason`, shown as "Why" by the page.
 */
export function describeMeasureEntry(entry: HistoryEntry, unit: MeasureUnit): Part[] {
  const d = entry.data ?? {};
  const fmt = (value: unknown): string => (typeof value === 'number' ? formatMeasureValue(value, unit) : String(value ?? ''));
  const period = String(d.period ?? '');
  switch (entry.type) {
    case 'MeasureDefined': {
      const u = (MEASURE_UNITS as readonly unknown[]).includes(d.unit) ? (d.unit as MeasureUnit) : unit;
      const baseline = d.baseline as { period?: string; value?: number } | undefined;
      const parts = [
        UNIT_NAMES[u].toLowerCase(),
        polarityText(d.polarity === 'lower' ? 'lower' : 'higher').toLowerCase(),
        baseline && typeof baseline.value === 'number' ? `baseline ${formatMeasureValue(baseline.value, u)} in ${baseline.period ?? ''}` : 'no baseline',
        typeof d.amberTolerance === 'number' ? `Amber when worse than target by up to ${formatMeasureValue(d.amberTolerance, u)}` : '',
      ].filter(Boolean);
      const indicator = SCHOOL_INDICATOR_LABELS[d.indicator as SchoolIndicator];
      const phase = SCHOOL_PHASE_LABELS[d.phase as SchoolPhase];
      const register = d.computedFrom === 'register' && indicator ? `, computed from the schools register: ${indicator}${phase ? ` (${phase.toLowerCase()})` : ''}` : '';
      return [`Measure defined: ${parts.join(', ')}${register}`];
    }
    case 'MeasureTargetSet':
      return [`Target for ${period} set at ${fmt(d.value)}`];
    case 'MeasureValueRecorded':
      return [`Value for ${period} recorded: ${fmt(d.value)}${d.provisional ? ' (provisional)' : ''}${typeof d.source === 'string' && d.source ? `, source: ${d.source}` : ''}`];
    case 'MeasureValueRevised':
      return [`Value for ${period} revised from ${fmt(d.previous)} to ${fmt(d.value)}`];
    case 'MeasureComparatorRecorded': {
      const name = COMPARATOR_NAMES[d.comparator as Comparator] ?? String(d.comparator ?? 'Comparator');
      return [`${name} comparator for ${period}: ${fmt(d.value)}`];
    }
    case 'MeasurePredictionRecorded':
      return [`Prediction for ${period}: ${fmt(d.value)}${typeof d.previous === 'number' ? ` (was ${fmt(d.previous)})` : ''}`];
    case 'MeasureRagOverridden':
      return ['RAG overridden to ', { status: String(d.rag) as ActionStatus }];
    default:
      return [entry.type];
  }
}
