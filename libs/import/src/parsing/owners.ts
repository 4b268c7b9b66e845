import { normaliseLookalikes } from '@rag-ledger/domain';

// Splits a printed "Responsible" cell ("AB/CB/ GP/KA", "DP & JC", "LS MB SSu") into owner
// names. Some cells were typed with Cyrillic letters that look Latin ("СМ"), which would
// make the same officer two different owners, so those are mapped to their Latin twins
// (the domain's normaliseLookalikes, which the directory of people uses too).

const SEPARATORS = /[/,&;\n\r]|\s+and\s+/i;

// Initials such as "AB", "Sp", "SSu", "SDin", "AMcK": up to 4 letters, starting with a capital,
// and either two capitals or just two letters (so "Man", "Head", "All" are words, not initials).
const isInitials = (w: string) => /^[A-Z][A-Za-z]{0,3}$/.test(w) && (w.length <= 2 || /[A-Z].*[A-Z]/.test(w));

export function splitOwners(raw: string | string[] | null | undefined): string[] {
  const cells = raw == null ? [] : Array.isArray(raw) ? raw : [raw];
  const names = cells
    .flatMap((cell) => normaliseLookalikes(cell).split(SEPARATORS))
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .filter((part) => part.length > 0)
    // Some cells separate officers by a space only ("AM PB"); split those, but only when
    // every word is initials, so group names ("FS Leads", "CSC Op Man", "Schools") stay whole.
    .flatMap((part) => {
      const words = part.split(' ');
      return words.length > 1 && words.every(isInitials) ? words : [part];
    });
  return [...new Set(names)];
}
