/** Outcome measures' units, polarities and comparators, and how figures are written, by the API and the board alike. */

export const MEASURE_UNITS = ['percent', 'count', 'days', 'rate'] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];

/** Whether a higher or a lower value is better. */
export const POLARITIES = ['higher', 'lower'] as const;
export type Polarity = (typeof POLARITIES)[number];

/** What a value is compared with, besides its target. */
export const COMPARATORS = ['national', 'statisticalNeighbours', 'regional'] as const;
export type Comparator = (typeof COMPARATORS)[number];

const UNIT_SUFFIX: Record<MeasureUnit, string> = { percent: '%', count: '', days: ' days', rate: '' };

/** A figure in the measure's unit, as explanations and boards write it: 81% · 12 · 23 days · 77.5%. */
export function formatValue(value: number, unit: MeasureUnit): string {
  return `${Number.isInteger(value) ? value : Number(value.toFixed(2))}${UNIT_SUFFIX[unit] ?? ''}`;
}
