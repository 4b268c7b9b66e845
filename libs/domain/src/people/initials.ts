import { normaliseLookalikes } from '../shared/lookalikes';

/**
 * Initials as a directory key: Cyrillic look-alikes folded to Latin and spaces dropped, so
 * "СМ" typed in one plan and "CM" in another are the same officer. Case is kept: the plans
 * print "Sp" and "SP" for different people.
 */
export const foldInitials = (initials: string): string => normaliseLookalikes(initials).replace(/\s+/g, '');

/** Initials as plans print them: a capital, then up to seven letters ("AB", "SSu", "AMcK"). */
export const isValidInitials = (initials: string): boolean => /^[A-Z][A-Za-z]{0,7}$/.test(initials);

/** Emails are matched without regard to case (as mail systems do in practice). */
export const foldEmail = (email: string): string => email.trim().toLowerCase();

/** A deliberately loose check (one @, something either side, a dot in the domain): the invitation is the real test. */
export const isValidEmail = (email: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254;
