/**
 * The schools' outcome measures the strategy sets (000:594-602), computed from the register
 * instead of typed in: "% of primary (secondary) schools judged good or better", "% of pupils
 * attending good or better schools", "% of schools in an Ofsted category", "% judged to require
 * improvement", "% of schools of concern RAG rated green by their officer".
 *
 * Each is a share of a population of schools as they stood on one UK day: the schools open on
 * the day (isSchoolOpenOn), of the phase when one is given. The denominator is stated with the
 * figure (the scrutiny panel asked for "the population (denominator) stated", 000:130).
 */
import { SCHOOL_PHASE_LABELS, type SchemeCategory, type SchemeKind, type SchoolIndicator, type SchoolPhase } from '@rag-ledger/contract';

import { isSchoolOpenOn, type ExistingSchool } from './school.state';

/** What the indicators need of a scheme: its kind and its categories' groups. */
export interface IndicatorScheme {
  kind: SchemeKind;
  categories: ReadonlyArray<Pick<SchemeCategory, 'code' | 'group'>>;
}

export interface IndicatorValue {
  numerator: number;
  denominator: number;
  /** 100 * numerator / denominator to one decimal place; null when the denominator is 0 (no figure, rather than 0%). */
  value: number | null;
  /** The schools in the denominator, and whether each is in the numerator. */
  schools: Array<{ urn: string; name: string; counted: boolean }>;
  /** The figure in words, with who is left out and why. */
  explanation: string;
}

/** A school in the denominator: whether it counts, and its weight (1, or its pupils). */
interface Entry {
  school: ExistingSchool;
  counted: boolean;
  weight: number;
}

const percent = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : Math.round((1000 * numerator) / denominator) / 10);

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The indicator's figure on the day, from the schools' states as at that day (schoolStateOn:
 * closed and converted schools may be among them, and are left out as not open).
 */
export function computeIndicator(
  indicator: SchoolIndicator,
  phase: SchoolPhase | undefined,
  schools: readonly ExistingSchool[],
  day: string,
  schemes: ReadonlyMap<string, IndicatorScheme>,
): IndicatorValue {
  const open = schools.filter((s) => isSchoolOpenOn(s, day) && (phase === undefined || s.phase === phase));
  const population = `open ${phase ? `${SCHOOL_PHASE_LABELS[phase].toLowerCase()} ` : ''}schools`;
  const judged = open.filter((s) => s.ofsted !== undefined);
  // An academy that opened (converted) with no judgement of its own yet leaves the denominator,
  // as the strategy's footnote says (000:1053): "The numerator increases once the academy is inspected".
  const notJudged = open.length - judged.length;
  const unjudgedNote = notJudged > 0 ? `; ${plural(notJudged, 'school')} without an Ofsted judgement yet ${notJudged === 1 ? 'is' : 'are'} not counted` : '';
  const byGrade = (grades: readonly number[]): Entry[] => judged.map((school) => ({ school, counted: grades.includes(school.ofsted!.grade), weight: 1 }));

  switch (indicator) {
    case 'good-or-better':
      return result(byGrade([1, 2]), (n, d) => `${n} of ${d} ${population} with an Ofsted judgement are judged good or better`, unjudgedNote);
    case 'in-ofsted-category':
      return result(byGrade([4]), (n, d) => `${n} of ${d} ${population} with an Ofsted judgement are in an Ofsted category (grade 4)`, unjudgedNote);
    case 'requires-improvement':
      return result(byGrade([3]), (n, d) => `${n} of ${d} ${population} with an Ofsted judgement are judged to require improvement`, unjudgedNote);
    case 'pupils-in-good-or-better': {
      // Weighed by pupils: a school without a number on roll cannot be weighed, and is left out of both.
      const weighed = judged.filter((s) => s.pupils !== undefined);
      const unweighed = judged.length - weighed.length;
      const note = unweighed > 0 ? `; ${plural(unweighed, 'school')} with no pupil number held ${unweighed === 1 ? 'is' : 'are'} left out` : '';
      const entries = weighed.map((school) => ({ school, counted: school.ofsted!.grade <= 2, weight: school.pupils! }));
      return result(entries, (n, d) => `${n} of ${d} pupils in ${population} with an Ofsted judgement attend good or better schools`, `${unjudgedNote}${note}`);
    }
    case 'concern-rag-green': {
      const ofConcern = open.filter((s) => causesConcern(s, schemes));
      const entries = ofConcern.map((school) => ({ school, counted: school.visits[school.visits.length - 1]?.rag === 'G', weight: 1 }));
      return result(entries, (n, d) => `${n} of ${d} ${population} causing concern were rated green at their latest visit`);
    }
  }
}

/** Whether the school's category, in any category scheme, is in the group causing concern. */
function causesConcern(school: ExistingSchool, schemes: ReadonlyMap<string, IndicatorScheme>): boolean {
  return Object.entries(school.categories).some(([schemeId, held]) => {
    const scheme = schemes.get(schemeId);
    return scheme?.kind === 'category' && scheme.categories.find((c) => c.code === held.code)?.group === 'causing-concern';
  });
}

function result(entries: Entry[], words: (numerator: number, denominator: number) => string, leftOut = ''): IndicatorValue {
  const denominator = entries.reduce((sum, e) => sum + e.weight, 0);
  const numerator = entries.reduce((sum, e) => sum + (e.counted ? e.weight : 0), 0);
  const value = percent(numerator, denominator);
  return {
    numerator,
    denominator,
    value,
    schools: entries.map((e) => ({ urn: e.school.urn, name: e.school.name, counted: e.counted })).sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0)),
    explanation: `${words(numerator, denominator)}${value === null ? ': no figure' : `: ${value}%`}${leftOut}`,
  };
}
