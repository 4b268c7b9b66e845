/**
 * Text the PDF's standard fonts can print. The pack is set in Helvetica, which pdfkit ships
 * (no font file in the repository), and a standard font only has the Windows-1252 letters:
 * pdfkit writes any other character as a wrong code. So a letter outside them is printed
 * without its accent (Ż -> Z, → -> "->"; a ? only where nothing plain is left), which keeps
 * names readable; the Word pack, in a full Unicode font, prints them as typed.
 */

/** The characters Windows-1252 holds above Latin-1's control block (pdfkit maps these itself). */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const printable = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x0a) return true;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return false;
  return code < 0x100 || WIN_ANSI_EXTRAS.has(char);
};

/** Signs with no letter inside them, written as their plain-text equivalents. */
const SIGNS: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '≠': '!=', '✓': 'yes', '✗': 'no' };

export function winAnsiText(text: string): string {
  let out = '';
  for (const char of text) {
    if (printable(char)) {
      out += char;
      continue;
    }
    if (SIGNS[char]) {
      out += SIGNS[char];
      continue;
    }
    // Take the letter apart from its accents (NFD) and keep what the font can print.
    const plain = [...char.normalize('NFD')].filter((c) => printable(c) && !/\p{M}/u.test(c)).join('');
    out += plain || '?';
  }
  return out;
}
