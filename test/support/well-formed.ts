import { XMLValidator } from 'fast-xml-parser';

/**
 * fast-xml-parser's validator checks tags, attributes and entities but not characters, so the
 * characters XML 1.0 allows (its `Char` production) are checked here: no C0 control but tab,
 * line feed and carriage return, no lone surrogate, no U+FFFE or U+FFFF.
 */
const NOT_AN_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
/** What HTML reads as a parse error besides: DEL and the C1 controls. */
const NOT_HTML_TEXT = /[\u007F-\u009F]/u;

function characterProblem(text: string, html: boolean): string | undefined {
  const bad = NOT_AN_XML_CHAR.exec(text) ?? (html ? NOT_HTML_TEXT.exec(text) : null);
  if (!bad) return undefined;
  const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `U+${code} at ${bad.index}: ...${JSON.stringify(text.slice(Math.max(0, bad.index - 40), bad.index + 40))}...`;
}

/** Why `text` is not a well-formed XML document, or undefined if it is. */
export function xmlProblem(text: string): string | undefined {
  const result = XMLValidator.validate(text);
  if (result !== true) return `${result.err.code} at line ${result.err.line}, column ${result.err.col}: ${result.err.msg}`;
  return characterProblem(text, false);
}

/**
 * Why the HTML the API writes (the evidence pack) is not well-formed, or undefined: read as
 * XML once its doctype is set aside, with the void elements it uses (`<br>`, `<meta>`) unpaired.
 */
export function htmlProblem(text: string): string | undefined {
  const doctype = /^<!doctype html>\s*/i;
  if (!doctype.test(text)) return 'it does not start with <!doctype html>';
  const result = XMLValidator.validate(text.replace(doctype, ''), { unpairedTags: ['br', 'meta'] });
  if (result !== true) return `${result.err.code} at line ${result.err.line}, column ${result.err.col}: ${result.err.msg}`;
  return characterProblem(text, true);
}
