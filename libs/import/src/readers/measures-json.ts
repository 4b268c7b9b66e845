import { COMPARATORS, MEASURE_UNITS, PERIOD_PATTERN, POLARITIES, type Comparator, type MeasureUnit, type Polarity } from '@rag-ledger/domain';
import type { ImportedMeasure, ImportWarning } from '../import-file';
import { ID_PATTERN, Problems, text } from './field-rules';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Without a tolerance in the file, a measure is Amber up to this far (in its unit) below target. */
export const DEFAULT_AMBER_TOLERANCE = 2;

const UNITS: Record<string, MeasureUnit> = { '%': 'percent', percent: 'percent', count: 'count', number: 'count', days: 'days', rate: 'rate' };

function unitOf(value: unknown): MeasureUnit | undefined {
  const u = text(value)?.toLowerCase();
  return u === undefined ? undefined : (UNITS[u] ?? ((MEASURE_UNITS as readonly string[]).includes(u) ? (u as MeasureUnit) : undefined));
}

/** The plans word a measure whose lower values are better: "Reduce % of schools in an Ofsted category". */
const polarityFrom = (name: string): Polarity => (/^\s*(reduce|decrease|lower|cut)\b/i.test(name) ? 'lower' : 'higher');

/**
 * Measures of a plan: a plain `measures` list, and the education plan's
 * `strategicAims[].targets` (Norfolk and national values by year, targets by year).
 */
export function readMeasures(plan: Json, planId: string, problems: Problems, warnings: ImportWarning[]): ImportedMeasure[] {
  const measures: ImportedMeasure[] = [];
  const seen = new Set<string>();
  const add = (measure: ImportedMeasure | undefined) => {
    if (!measure) return;
    if (seen.has(measure.id)) return problems.add(measure.source, `measure id "${measure.id}" is used twice in the file`);
    seen.add(measure.id);
    measures.push(measure);
  };
  for (const [i, raw] of (Array.isArray(plan.measures) ? plan.measures : []).entries()) add(readPlainMeasure(raw, planId, i, problems));
  for (const aim of Array.isArray(plan.strategicAims) ? plan.strategicAims : []) {
    if (!isObject(aim)) continue;
    for (const raw of Array.isArray(aim.targets) ? aim.targets : []) add(readAimTarget(raw, planId, problems, warnings));
  }
  return measures;
}

function readPlainMeasure(raw: unknown, planId: string, index: number, problems: Problems): ImportedMeasure | undefined {
  const where = `plan ${planId}, measure ${isObject(raw) && text(raw.id) ? text(raw.id) : `#${index + 1}`}`;
  if (!isObject(raw)) return void problems.add(where, 'is not an object');
  const id = text(raw.id);
  const name = text(raw.name);
  const unit = unitOf(raw.unit);
  const polarity = text(raw.polarity) as Polarity | undefined;
  if (!id || !ID_PATTERN.test(id)) problems.add(where, 'needs an id of letters, digits, dots and dashes');
  if (!name) problems.add(where, 'has no name');
  if (!unit) problems.add(where, `unknown unit "${String(raw.unit)}"`);
  if (polarity !== undefined && !(POLARITIES as readonly string[]).includes(polarity)) problems.add(where, `polarity must be higher or lower`);
  if (!id || !name || !unit) return undefined;
  const periodsOk = (period: string) => PERIOD_PATTERN.test(period) || (problems.add(where, `"${period}" is not a period`), false);
  const targets = Object.fromEntries(Object.entries(isObject(raw.targets) ? raw.targets : {}).filter(([p, v]) => periodsOk(p) && num(v) !== undefined)) as Record<string, number>;
  const values = (Array.isArray(raw.values) ? raw.values : []).filter(isObject).flatMap((v) => {
    const period = text(v.period);
    const value = num(v.value);
    return period && periodsOk(period) && value !== undefined ? [{ period, value, provisional: v.provisional === true, source: text(v.source) }] : [];
  });
  const comparators = Object.entries(isObject(raw.comparators) ? raw.comparators : {}).flatMap(([period, byKind]) =>
    periodsOk(period) && isObject(byKind)
      ? COMPARATORS.flatMap((comparator) => (num(byKind[comparator]) !== undefined ? [{ period, comparator, value: num(byKind[comparator]) as number }] : []))
      : [],
  );
  const baseline = isObject(raw.baseline) && text(raw.baseline.period) && num(raw.baseline.value) !== undefined ? { period: text(raw.baseline.period) as string, value: num(raw.baseline.value) as number } : undefined;
  return {
    id, name, unit, polarity: polarity ?? polarityFrom(name), workstreamId: text(raw.workstreamId), baseline,
    amberTolerance: num(raw.amberTolerance) ?? DEFAULT_AMBER_TOLERANCE, targets, values, comparators, source: where,
  };
}

/** A row of the education plan's table: `{ ref, measure, unit, baseline: { year: { norfolk, national, provisional } }, targets: { year: value } }`. */
function readAimTarget(raw: unknown, planId: string, problems: Problems, warnings: ImportWarning[]): ImportedMeasure | undefined {
  if (!isObject(raw)) return undefined;
  const ref = text(raw.ref);
  const name = text(raw.measure);
  const where = `plan ${planId}, measure ${ref ?? '?'}`;
  if (!ref || !name) return void problems.add(where, 'a target row needs a ref and a measure');
  const id = `${planId}.M.${ref}`;
  if (!ID_PATTERN.test(id)) return void problems.add(where, `cannot make an id from ref "${ref}"`);
  const unit = unitOf(raw.unit) ?? 'percent';
  const values: ImportedMeasure['values'] = [];
  const comparators: ImportedMeasure['comparators'] = [];
  const byYear = isObject(raw.baseline) ? raw.baseline : {};
  for (const year of Object.keys(byYear).sort()) {
    const cell = byYear[year];
    if (!isObject(cell) || !PERIOD_PATTERN.test(year)) continue;
    const norfolk = num(cell.norfolk);
    const national = num(cell.national);
    if (norfolk !== undefined) values.push({ period: year, value: norfolk, provisional: cell.provisional === true });
    if (national !== undefined) comparators.push({ period: year, comparator: 'national' as Comparator, value: national });
  }
  const targets = Object.fromEntries(Object.entries(isObject(raw.targets) ? raw.targets : {}).filter(([p, v]) => PERIOD_PATTERN.test(p) && num(v) !== undefined)) as Record<string, number>;
  const latest = values[values.length - 1];
  if (values.length === 0) warnings.push({ where, message: 'no Norfolk value in the file; the measure starts without figures' });
  return {
    id, name, unit, polarity: polarityFrom(name), baseline: latest && { period: latest.period, value: latest.value },
    amberTolerance: DEFAULT_AMBER_TOLERANCE, targets, values, comparators, source: where,
  };
}
