const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Characters XML 1.0 does not allow at all, even as references, and that HTML reads as parse
 * errors: C0 controls other than tab, line feed and carriage return; DEL and the C1 controls;
 * U+FFFE and U+FFFF; and surrogates that are not half of a pair (a name cut in the middle of
 * an emoji). One of them in a name made the SVG chart unreadable by any XML parser.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this expression's job
const NOT_MARKUP_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A C0 control is shown as its Control Pictures sign (U+0000 as ␀, ESC as ␛), so a reader of
 * the pack still sees that something was there; anything else not allowed becomes U+FFFD (�).
 * The stored text is unchanged: this is only how it is printed.
 */
const printable = (c: string) => (c.length === 1 && c.charCodeAt(0) < 0x20 ? String.fromCharCode(0x2400 + c.charCodeAt(0)) : '\uFFFD');

/**
 * Text from users or the log, made safe as the content or attribute value of HTML and XML
 * (SVG): markup characters escaped, characters neither may contain replaced. Every piece of
 * such text in the evidence pack and the charts goes through this.
 */
export const escapeMarkup = (value: unknown): string =>
  String(value ?? '')
    .replace(NOT_MARKUP_TEXT, printable)
    .replace(/[&<>"']/g, (c) => ESCAPES[c]);
