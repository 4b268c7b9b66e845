import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../auth/principal';

/** Who is asking, and the HTTP headers that shape how a command is applied. */
export interface CommandContext {
  principal: Principal;
  /** The request id; every event the command writes carries it. */
  correlationId: string;
  /** From `Idempotency-Key`: a repeat returns the first answer and writes nothing. */
  idempotencyKey?: string;
  /** From `If-Match: "<revision>"`: the revision the caller last saw. */
  expectedRevision?: bigint;
}

export type { CommandResult } from '@rag-ledger/write-path';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function parseIfMatch(header: string | undefined): bigint | undefined {
  if (header === undefined) return undefined;
  const match = header.trim().match(/^(?:W\/)?"?(\d{1,15})"?$/);
  if (!match) throw new BadRequestException('If-Match must be the revision you last saw, for example If-Match: "3".');
  return BigInt(match[1]);
}

export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new BadRequestException('Idempotency-Key must be 1 to 200 visible ASCII characters.');
  }
  return header;
}

export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest();
  return {
    principal: request.principal,
    correlationId: String(request.id),
    idempotencyKey: parseIdempotencyKey(request.headers['idempotency-key']),
    expectedRevision: parseIfMatch(request.headers['if-match']),
  };
});
