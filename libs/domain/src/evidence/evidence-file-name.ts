/**
 * What a file name and a description may be. A file name is kept for display only (the store
 * names files by their hash), but a name with a path in it, control characters or no end is
 * refused rather than quietly changed, so what the board lists is what the person picked.
 */
export const MAX_EVIDENCE_FILE_NAME_LENGTH = 255;
export const MAX_EVIDENCE_DESCRIPTION_LENGTH = 2000;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** The problem with a file name, in a plan owner's words, or undefined when it is fine. */
export function evidenceFileNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') return 'The file has no name: give it one before attaching it.';
  if (/[/\\]/.test(name)) return `"${name}" has a folder path in it (a / or \\): attach the file by its own name.`;
  if (CONTROL.test(name)) return 'The file name has control or direction-changing characters in it: rename the file and attach it again.';
  if ([...name].length > MAX_EVIDENCE_FILE_NAME_LENGTH) return `The file name is ${[...name].length} characters long; ${MAX_EVIDENCE_FILE_NAME_LENGTH} is the most: rename the file and attach it again.`;
  if (name === '.' || name === '..') return `"${name}" is not a file name.`;
  return undefined;
}

/** The problem with a description, or undefined when it is fine (it may be blank). */
export function evidenceDescriptionProblem(description: unknown): string | undefined {
  if (description === undefined) return undefined;
  if (typeof description !== 'string') return 'The description must be text.';
  if ([...description].length > MAX_EVIDENCE_DESCRIPTION_LENGTH) return `The description is longer than ${MAX_EVIDENCE_DESCRIPTION_LENGTH} characters: shorten it.`;
  return undefined;
}
