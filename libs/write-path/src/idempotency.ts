import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { RuleViolationError, type EventMetadata } from '@rag-ledger/domain';

/** Namespace of the event ids derived from idempotency keys. */
const IDEMPOTENCY_NAMESPACE = '6f1c1e9e-6a2b-4d53-9a3e-3c1f3f0f5b7a';

/**
 * The id of the index-th event written under one person's Idempotency-Key. The stream is
 * left out on purpose: the same key sent for another action or route derives the same ids,
 * which the embedded store's index of every event id refuses (DuplicateEventIdError), so
 * the reuse is caught inside the append, whatever the race.
 */
export function keyedEventId(actorId: string, key: string, index: number): string {
  return uuidv5(`${actorId}\n${key}\n${index}`, IDEMPOTENCY_NAMESPACE);
}

/** Any other id derived for a command (an action id, an import's record): from the same key. */
export function keyedId(actorId: string, key: string, purpose: string): string {
  return uuidv5(`${actorId}\n${key}\n${purpose}`, IDEMPOTENCY_NAMESPACE);
}

/** An id derived from content, for stores that cannot append many streams at once (see the import). */
export function contentId(...parts: string[]): string {
  return uuidv5(parts.join('\n'), IDEMPOTENCY_NAMESPACE);
}

/**
 * What a request asked, as a hash of its canonical JSON (keys sorted, so the order in which a
 * client wrote its body does not matter). Kept in the metadata of the events written under
 * an Idempotency-Key, so a repeat can be told from another request sent with the same key.
 */
export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(canonical(request)).digest('base64url');
}

function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Map) return canonical(Object.fromEntries(value));
  if (value instanceof Set) return canonical([...value]);
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** Whether a stored event was written for this same request (events from before fingerprints count as the same). */
export function sameRequest(metadata: unknown, fingerprint: string): boolean {
  const stored = (metadata as Partial<EventMetadata> | undefined)?.requestFingerprint;
  return stored === undefined || stored === fingerprint;
}

/** 422, as payment APIs answer: the key already stands for another request, whose answer it keeps. */
export class IdempotencyKeyReusedError extends RuleViolationError {
  constructor() {
    super(
      'This Idempotency-Key was already used by you for a different request (another route, another action or ' +
        'plan, or another body), so this request was not carried out. Send a new key with each new request; ' +
        'send the same key again only to repeat exactly the same request.',
    );
  }
}
