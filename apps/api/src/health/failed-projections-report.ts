import type { ProjectionFailure } from '@rag-ledger/projections';

/** Long enough for any error the projections raise; a runaway message is cut, not sent whole to anyone who asks. */
const MAX_ERROR_LENGTH = 500;

/** The failing projections as /api/health shows them: positions as numbers, instants as ISO text. */
export function failedProjectionsReport(failures: ProjectionFailure[]) {
  return failures.map((f) => ({
    name: f.projection,
    stoppedAt: Number(f.stoppedAt),
    error: f.error.length > MAX_ERROR_LENGTH ? `${f.error.slice(0, MAX_ERROR_LENGTH)}…` : f.error,
    event: f.event ? { id: f.event.id, type: f.event.type, position: Number(f.event.position) } : null,
    failedAttempts: f.attempts,
    failingSince: f.since.toISOString(),
    nextAttemptAt: f.nextAttemptAt?.toISOString() ?? null,
  }));
}
