import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';

const error = (statusCode: number, error: string, message: string) => ({ statusCode, error, message });

const COMMAND_RESULT_EXAMPLE = { id: 'SIP.PS.1.1.1', revision: 3, position: 1042 };

/** The answers every command route can give, with an example of each. */
export function CommandResponses(success: HttpStatus.OK | HttpStatus.CREATED) {
  return applyDecorators(
    ApiBearerAuth(),
    ApiResponse({ status: success, description: 'Recorded: the id, the stream revision and the log position (use it as minPosition)', schema: { example: COMMAND_RESULT_EXAMPLE } }),
    ApiResponse({ status: 400, description: 'Invalid input, with a message per field', schema: { example: { statusCode: 400, error: 'Bad Request', message: ['reason cannot be blank'] } } }),
    ApiResponse({ status: 401, description: 'No token, or a bad or expired one', schema: { example: error(401, 'Unauthorized', 'The token has expired: ask for a new one.') } }),
    ApiResponse({ status: 403, description: 'Your role, or your plans, do not allow this', schema: { example: error(403, 'PlanNotAllowedError', 'You are not an owner of plan "SIP", so you cannot update its actions.') } }),
    ApiResponse({ status: 404, description: 'Unknown plan or action', schema: { example: error(404, 'ActionNotFoundError', 'There is no action with id "SIP.PS.9.9".') } }),
    ApiResponse({ status: 409, description: 'Someone else changed it first (If-Match), or the id is taken', schema: { example: { ...error(409, 'RevisionMismatchError', 'Someone else has updated this since you loaded it (you had revision 2, it is now 3). Reload to see their change before making yours.'), currentRevision: 3 } } }),
    ApiResponse({ status: 422, description: 'A plan rule forbids it', schema: { example: error(422, 'ActionNotInProgressError', 'The RAG rating can only change while an action is in progress; this one is Not started (W).') } }),
  );
}

/** The answers every read route can give. */
export function ReadResponses(example: unknown, notFound = true) {
  return applyDecorators(
    ApiBearerAuth(),
    ApiResponse({ status: 200, description: 'OK', schema: { example } }),
    ApiResponse({ status: 400, description: 'Invalid query parameter', schema: { example: { statusCode: 400, error: 'Bad Request', message: ['minPosition must be a whole number'] } } }),
    ApiResponse({ status: 401, description: 'No token, or a bad or expired one', schema: { example: error(401, 'Unauthorized', 'A bearer token is required (Authorization: Bearer <token>).') } }),
    ApiResponse({ status: 403, description: 'Your role does not allow this', schema: { example: error(403, 'Forbidden', 'This needs one of the roles: auditor, admin.') } }),
    ...(notFound ? [ApiResponse({ status: 404, description: 'Unknown plan or action', schema: { example: error(404, 'PlanNotFoundError', 'There is no plan with id "XYZ".') } })] : []),
    ApiResponse({ status: 503, description: 'minPosition not reached by the read models within 5 s; retry', schema: { example: error(503, 'Service Unavailable', 'The boards have not caught up with position 1042 yet; retry shortly.') } }),
  );
}
