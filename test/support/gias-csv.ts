/**
 * A small extract of the national schools list (Get Information About Schools), built in the
 * test: its own header, in its own order, with the `(code)` twins and columns the register
 * ignores, and its dd-mm-yyyy dates. `giasRow` fills a mainstream open primary school unless
 * told otherwise.
 */
export const GIAS_HEADER = [
  'URN', 'LA (code)', 'LA (name)', 'EstablishmentNumber', 'EstablishmentName', 'TypeOfEstablishment (code)', 'TypeOfEstablishment (name)',
  'EstablishmentTypeGroup (code)', 'EstablishmentTypeGroup (name)', 'EstablishmentStatus (code)', 'EstablishmentStatus (name)', 'OpenDate', 'CloseDate',
  'PhaseOfEducation (code)', 'PhaseOfEducation (name)', 'StatutoryLowAge', 'StatutoryHighAge', 'NumberOfPupils', 'Trusts (code)', 'Trusts (name)',
  'SchoolSponsors (name)', 'Postcode', 'DistrictAdministrative (code)', 'DistrictAdministrative (name)', 'OfstedRating (name)',
] as const;

export type GiasRow = Partial<Record<(typeof GIAS_HEADER)[number], string>>;

export const giasRow = (fields: GiasRow): GiasRow => ({
  'LA (code)': '926', 'LA (name)': 'Norfolk', EstablishmentNumber: '2001', EstablishmentName: 'A Norfolk Primary School',
  'TypeOfEstablishment (code)': '1', 'TypeOfEstablishment (name)': 'Community school', 'EstablishmentTypeGroup (code)': '4',
  'EstablishmentTypeGroup (name)': 'Local authority maintained schools', 'EstablishmentStatus (code)': '1', 'EstablishmentStatus (name)': 'Open',
  'PhaseOfEducation (code)': '2', 'PhaseOfEducation (name)': 'Primary', StatutoryLowAge: '4', StatutoryHighAge: '11', Postcode: 'NR1 1AA',
  'DistrictAdministrative (code)': 'E07000143', 'OfstedRating (name)': 'Good',
  ...fields,
});

const quoted = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The extract as text: the header row, then each row (a string is written as it is, e.g. '' for a blank line). */
export function giasCsv(rows: Array<GiasRow | string>): string {
  const lines = [GIAS_HEADER.join(','), ...rows.map((row) => (typeof row === 'string' ? row : GIAS_HEADER.map((column) => quoted(row[column] ?? '')).join(',')))];
  return `${lines.join('\r\n')}\r\n`;
}
