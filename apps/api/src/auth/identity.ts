import type { PersonState } from '@rag-ledger/domain';
import type { ActiveSession } from '@rag-ledger/identity';

/**
 * How the guard knew who is calling, kept on the request (`request.identity`) for the routes
 * that depend on it (the session's CSRF token, a token's own id).
 */
export type RequestIdentity =
  | { kind: 'session'; person: PersonState; sessionId: string; session: ActiveSession }
  | { kind: 'personal-token'; person: PersonState; tokenId: string }
  | { kind: 'development-token' };
