import { applyDecorators, HttpCode, HttpStatus } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Role } from '@rag-ledger/domain';
import { Roles } from '../auth/decorators';
import { CommandResponses } from '../common/api-docs';

/** The conventions of every write of the boards' records: 201 with { id, revision, position }, If-Match and Idempotency-Key. */
export const MeetingCommandRoute = (roles: readonly Role[]) =>
  applyDecorators(
    HttpCode(HttpStatus.CREATED),
    Roles(...roles),
    CommandResponses(HttpStatus.CREATED),
    ApiHeader({ name: 'If-Match', required: false, description: 'The revision you last saw, e.g. "1": 409 if someone changed it since' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat returns the first answer and writes nothing' }),
  );

export const ACTOR_EXAMPLE = { id: 'chair', name: 'Independent Chair', role: 'board' };
