import { dictionary } from '@zxcvbn-ts/language-common';

/** NCSC and NIST advice: length over complexity rules, and no password from the lists attackers try first. */
export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase; argon2 hashes it whole, so a bound keeps one request cheap. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * The passwords seen most often in breaches (zxcvbn-ts's common list, some 49,000, MIT), lower-cased:
 * loaded once, on first use.
 */
let common: ReadonlySet<string> | undefined;
const commonPasswords = (): ReadonlySet<string> => (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));

const squeezed = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Why this password would not do for this person, in words they can act on; undefined when it is fine.
 * Not a password from the common lists, nor built on their name or email.
 */
export function passwordProblem(password: string, person: { name: string; email?: string }): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters: a few unrelated words together are easy to remember and hard to guess.`;
  }
  if (length > MAX_PASSWORD_LENGTH) return `Choose a password of at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (new Set(password.toLowerCase()).size < 4) return 'That password repeats too few characters to be hard to guess: choose another.';
  if (commonPasswords().has(password.toLowerCase()) || commonPasswords().has(squeezed(password))) {
    return 'That password is one of the most common ones, which attackers try first: choose another.';
  }
  const flat = squeezed(password);
  const email = person.email?.toLowerCase();
  const local = email?.split('@')[0];
  const nameParts = [squeezed(person.name), ...person.name.split(/\s+/).map(squeezed)].filter((part) => part.length >= 4);
  if (nameParts.some((part) => flat.includes(part))) return 'Your password must not contain your name: choose another.';
  if (email !== undefined && (password.toLowerCase().includes(email) || (local !== undefined && squeezed(local).length >= 4 && flat.includes(squeezed(local))))) {
    return 'Your password must not contain your email address: choose another.';
  }
  return undefined;
}
