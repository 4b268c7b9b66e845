/**
 * The demo's schools register: invented schools (every name begins "(invented)") whose Norfolk
 * categories are exactly the counts of the strategy's September 2013 table (000:1010-1026), and
 * whose Ofsted judgements give the strategy's 2013 figures: 64% of primary and 59% of secondary
 * schools good or better (KPIs 2.2 and 2.3), 3% of schools in an Ofsted category (KPI 2.5).
 */
import { Prng } from './prng';

export type DemoPhase = 'primary' | 'secondary';
export type OfstedGrade = 1 | 2 | 3 | 4;

export interface DemoSchool {
  urn: string;
  name: string;
  phase: DemoPhase;
  type: string;
  district: string;
  openedOn: string;
  pupils: number;
  category: string;
  grade: OfstedGrade;
  /** For grade 4 only. */
  ofstedCategory?: 'special-measures' | 'serious-weaknesses';
  inspectedOn: string;
}

/** Norfolk codes, worst first, and the September 2013 counts per phase ("–" in the table is 0). */
export const SEPTEMBER_2013_TABLE: Record<DemoPhase, Record<string, number>> = {
  primary: { A4: 62, B3: 64, C3: 38, 'D1-3': 9, E1: 49, E2: 115, F1: 24 },
  secondary: { A4: 12, B3: 14, C3: 3, 'D1-3': 0, E1: 2, E2: 15, F1: 5 },
};

/**
 * How many schools of each code hold each Ofsted grade, so that the totals match the 2013
 * figures: B3 "may be judged Satisfactory / RI or better", so part of it is good; the few in an
 * Ofsted category are among the schools of concern.
 */
const GRADES: Record<DemoPhase, Record<string, Partial<Record<OfstedGrade, number>>>> = {
  // Good or better: 37 + 6 + 49 + 115 + 24 = 231 of 361 (64%); grade 4: 10.
  primary: { A4: { 4: 10, 3: 52 }, B3: { 2: 37, 3: 27 }, C3: { 3: 38 }, 'D1-3': { 2: 6, 3: 3 }, E1: { 2: 49 }, E2: { 2: 115 }, F1: { 1: 24 } },
  // Good or better: 8 + 2 + 15 + 5 = 30 of 51 (59%); grade 4: 2 (12 of 412 schools in a category: 3%).
  secondary: { A4: { 4: 2, 3: 10 }, B3: { 2: 8, 3: 6 }, C3: { 3: 3 }, E1: { 2: 2 }, E2: { 2: 15 }, F1: { 1: 5 } },
};

const DISTRICTS = ['Breckland', 'Broadland', 'Great Yarmouth', "King's Lynn and West Norfolk", 'North Norfolk', 'Norwich', 'South Norfolk'];
const FIRST = ['Brook', 'Ash', 'Elm', 'Hazel', 'Mill', 'Wood', 'Church', 'Marsh', 'Oak', 'Fen', 'Heath', 'Stone', 'Thorn', 'Bridge', 'Clay', 'Holly', 'Kings', 'Lark', 'Swan', 'Bram', 'Willow', 'Beck', 'Sandy', 'Reed', 'Alder', 'Rowan', 'Wren', 'Cross', 'High', 'Long'];
const SECOND = ['field', 'ham', 'ton', 'worth', 'ley', 'well', 'stead', 'by', 'ford', 'wick', 'mere', 'dale', 'gate', 'brook', 'hurst', 'thorpe', 'ing', 'moor'];
const PRIMARY_KINDS = ['Primary School', 'Primary School', 'Primary School', 'CE Primary School', 'VC Primary School', 'Junior School', 'Infant School', 'Primary Academy'];
const SECONDARY_KINDS = ['High School', 'Academy', 'School', 'High School', 'Community High School'];

const day = (date: Date) => date.toISOString().slice(0, 10);

export function demoSchools(random: Prng): DemoSchool[] {
  const names = new Set<string>();
  const schools: DemoSchool[] = [];
  let urn = 120_801;
  for (const phase of ['primary', 'secondary'] as const) {
    for (const [category, grades] of Object.entries(GRADES[phase])) {
      let graded = 0;
      for (const [grade, count] of Object.entries(grades) as Array<[string, number]>) {
        for (let i = 0; i < count; i++) {
          const kind = random.pick(phase === 'primary' ? PRIMARY_KINDS : SECONDARY_KINDS);
          let name: string;
          do name = `(invented) ${random.pick(FIRST)}${random.pick(SECOND)} ${kind}`;
          while (names.has(name));
          names.add(name);
          const academy = kind.includes('Academy');
          const g = Number(grade) as OfstedGrade;
          // Inspected in the three years before the table; a school of concern more recently.
          const inspected = new Date(Date.UTC(g >= 3 ? 2012 : random.int(2010, 2012), random.int(0, 11), random.int(1, 28)));
          if (inspected > new Date(Date.UTC(2013, 6, 15))) inspected.setUTCFullYear(2013, 5, 14);
          schools.push({
            urn: String(urn),
            name,
            phase,
            type: academy ? (g === 4 ? 'Academy sponsor led' : 'Academy converter') : kind.includes('CE') ? 'Voluntary aided school' : kind.includes('VC') ? 'Voluntary controlled school' : 'Community school',
            district: random.pick(DISTRICTS),
            openedOn: academy ? day(new Date(Date.UTC(2011 + random.int(0, 1), random.int(0, 11), 1))) : '1974-04-01',
            pupils: phase === 'primary' ? random.int(40, 420) : random.int(450, 1600),
            category,
            grade: g,
            ...(g === 4 ? { ofstedCategory: random.chance(0.5) ? 'special-measures' : 'serious-weaknesses' } : {}),
            inspectedOn: day(inspected),
          });
          urn += random.int(1, 7);
          graded++;
        }
      }
      if (graded !== SEPTEMBER_2013_TABLE[phase][category]) throw new Error(`the demo's ${phase} ${category} schools (${graded}) do not match the September 2013 table`);
    }
  }
  return schools;
}

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The schools as a Get Information About Schools extract prints them (the register's national list import). */
export function schoolsListCsv(schools: readonly DemoSchool[]): string {
  const header = ['URN', 'EstablishmentName', 'TypeOfEstablishment (name)', 'PhaseOfEducation (name)', 'DistrictAdministrative (name)', 'OpenDate', 'NumberOfPupils', 'EstablishmentStatus (name)'];
  const rows = schools.map((s) => [s.urn, s.name, s.type, s.phase === 'primary' ? 'Primary' : 'Secondary', s.district, ddmmyyyy(s.openedOn), String(s.pupils), 'Open'].map(csvCell).join(','));
  return [header.join(','), ...rows].join('\n') + '\n';
}

/** A file of categorisations for POST /api/schools/categorisations/import. */
export function categorisationsCsv(rows: ReadonlyArray<{ urn: string; category: string; reason: string }>): string {
  return ['URN,Category,Reason', ...rows.map((r) => [r.urn, r.category, r.reason].map(csvCell).join(','))].join('\n') + '\n';
}
