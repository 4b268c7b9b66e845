/**
 * The canonical encoding the hash chain covers: JSON with object keys sorted at every level,
 * so equal content always encodes the same.
 *
 * Every event's hash in every existing log was computed over this exact text, so the output
 * must never change, byte for byte: test/event-store/canonical-json.spec.ts compares it with
 * the first loop-built encoder over generated values. What is written here is only how
 * fast the same text is produced (it runs for every event appended and every event verified):
 * no sort call or JSON.stringify for the common cases, and each object's keys read once.
 *
 * The rules, all kept from the first encoder:
 * - an object with a toJSON method is encoded as what toJSON() returns (Dates become their
 *   ISO text), so the hash of an object before writing equals the hash of what is read back;
 * - an object member whose value is undefined or a function is left out; anything else that
 *   JSON cannot hold (undefined in an array, a symbol, a toJSON that returns undefined) is null;
 * - arrays keep their order; object keys are sorted by UTF-16 code units, as sort() does.
 */
export function canonicalJson(input: unknown): string {
  switch (typeof input) {
    case 'string':
      return quote(input);
    case 'number':
      // Number to text is what JSON.stringify does for finite numbers (-0 is "0" in both).
      return Number.isFinite(input) ? `${input}` : 'null';
    case 'boolean':
      return input ? 'true' : 'false';
    case 'object':
      return input === null ? 'null' : encodeObject(input as object);
    default:
      // undefined, functions and symbols are null; a bigint throws as JSON.stringify does.
      return JSON.stringify(input) ?? 'null';
  }
}

function encodeObject(input: object): string {
  const toJSON = (input as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    const value: unknown = toJSON.call(input);
    // What toJSON returns is encoded as it is, without asking it for a toJSON again.
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    return Array.isArray(value) ? encodeArray(value) : encodeRecord(value as Record<string, unknown>);
  }
  return Array.isArray(input) ? encodeArray(input) : encodeRecord(input as Record<string, unknown>);
}

function encodeArray(array: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < array.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(array[i]);
  return `${out}]`;
}

/**
 * A plain object's own enumerable string keys in sorted order, with their values, as
 * canonicalJson encodes it. `withoutChain` leaves out `hash` and `previousHash`, so the chain
 * encodes an event's metadata without its own two fields without copying the object first.
 */
export function encodeRecord(record: Record<string, unknown>, withoutChain = false): string {
  const keys = sortedKeys(record);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (withoutChain && (key === 'hash' || key === 'previousHash')) continue;
    const item = record[key];
    if (item === undefined || typeof item === 'function') continue;
    out += `${out.length === 1 ? '' : ','}${quoteKey(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

/**
 * Object.keys(record).sort(), without the sort call for the small objects events are made
 * of: an insertion sort with `<`, which orders strings by UTF-16 code units as sort() does
 * (keys are distinct, so stability does not matter). Large objects use sort() itself.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  if (keys.length > 24) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    if (keys[i - 1] < key) continue;
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

// What JSON.stringify escapes in a string: quotes, backslashes, control characters and
// (lone) surrogates. Text without any is quoted as it is; the rest goes to JSON.stringify.
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

// The same few keys recur in every event (actionId, actor, at...): their quoted text is kept,
// up to a bound, so that keys made of data (ids as keys) cannot grow it without end.
const quotedKeys = new Map<string, string>();

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = quote(key);
    if (quotedKeys.size < 4096) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** JSON.stringify(text), without the call for text that needs no escape. */
export function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}
