import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { TextScan } from '../../libs/documents/src/media-type/text-kinds';

/**
 * The text checks fed in pieces must answer as if they had the whole text at once: a marker or
 * a character split across pieces (wherever the split falls) is still seen, and which marker
 * comes first still names the file. The reference here reads the whole text by other means
 * (a regular expression and Node's own UTF-8 check), so the two are not the same code.
 */
function reference(bytes: Buffer): { kind: 'not-text' } | { kind: 'text'; active?: string } {
  if (bytes.includes(0) || !isUtf8(bytes)) return { kind: 'not-text' };
  const text = bytes.toString('latin1');
  const tag = /<(!doctype|html|head|body|meta|iframe|object|embed|script|svg|\?xml)/i.exec(text);
  const script = /javascript:/i.exec(text);
  if (script && (!tag || script.index < tag.index)) return { kind: 'text', active: 'a script (JavaScript)' };
  if (!tag) return { kind: 'text' };
  const name = tag[1].toLowerCase();
  const active = name === 'script' ? 'a script (JavaScript)' : name === 'svg' ? 'an SVG drawing' : name === '?xml' ? 'an XML file' : 'a web page (HTML)';
  return { kind: 'text', active };
}

function scanInPieces(bytes: Buffer, sizes: number[], mode: 'first-problem' | 'all') {
  const scan = new TextScan(mode);
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const length = sizes[i % sizes.length];
    // A copy, as a stream hands pieces over: nothing may rely on the pieces sharing memory.
    if (scan.push(Buffer.from(bytes.subarray(at, at + length))) && mode === 'first-problem') break;
    at += length;
  }
  return scan;
}

describe('TextScan: the text checks, piece by piece', () => {
  // Words of the minutes, characters of two to four bytes, each marker in mixed case, a NUL and bytes that are not UTF-8.
  const part = fc.constantFrom(
    'Minutes: item 3. ',
    'Cost £40 — agreed. ',
    '’',
    '😀',
    'Zoë',
    '<SCRIPT>',
    '<Svg ',
    '<p>',
    'JavaScript:',
    'javascript',
    ':',
    '<!DOCTYPE',
    '<?xml',
    '<',
    '\u0000',
    '\xff',
    '\xe2\x80',
  );
  const text = fc.array(part, { minLength: 1, maxLength: 30 }).map((parts) => Buffer.concat(parts.map((p) => Buffer.from(p, p.startsWith('\xff') || p.startsWith('\xe2') ? 'latin1' : 'utf8'))));
  const sizes = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 });

  it('finds what the whole text holds, wherever the pieces split it', () => {
    fc.assert(
      fc.property(text, sizes, (bytes, pieceSizes) => {
        const expected = reference(bytes);
        const found = scanInPieces(bytes, pieceSizes, 'first-problem').end();
        if (expected.kind === 'text') expect(found).toEqual(expected);
        // Not text: the reading stops at the first problem, which may be a marker before the bad byte (refused either way).
        else expect(found.kind === 'not-text' || found.active !== undefined).toBe(true);
        const all = scanInPieces(bytes, pieceSizes, 'all');
        // Streaming keeps looking past a problem; only its clean answer is ever taken as it is.
        expect(all.clean).toBe(expected.kind === 'text' && expected.active === undefined);
        expect(all.nul).toBe(bytes.includes(0));
      }),
      { numRuns: 2000 },
    );
  });

  it('sees a marker split between two pieces at every place', () => {
    for (const marker of ['javascript:', '<!doctype', '<script']) {
      const bytes = Buffer.from(`The board agreed ${marker} and moved on.`);
      for (let cut = 1; cut < bytes.length; cut++) {
        expect(scanInPieces(bytes, [cut, bytes.length], 'first-problem').end()).toEqual(reference(bytes));
      }
    }
  });

  it('takes a character of four bytes split in every way as UTF-8, and one cut off at the end as not', () => {
    const bytes = Buffer.from('ok 😀 ok');
    for (let cut = 1; cut < bytes.length; cut++) expect(scanInPieces(bytes, [cut, 1], 'all').clean).toBe(true);
    expect(scanInPieces(bytes.subarray(0, 5), [1], 'all').end()).toEqual({ kind: 'not-text' });
  });
});
