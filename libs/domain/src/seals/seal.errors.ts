import { ConflictError, RuleViolationError } from '../shared/errors';

type Point = { position: number; hash: string } | null;
const words = (point: Point) => (point === null ? 'the log’s start' : `log position ${point.position} (hash ${point.hash})`);

/** Another seal was written since this one was computed (two servers sealing at once): the seals must not fork. */
export class SealDoesNotContinueError extends ConflictError {
  constructor(
    readonly last: Point,
    readonly previous: Point,
  ) {
    super(`This seal continues from ${words(previous)}, but the log's last seal is at ${words(last)}: another seal was written meanwhile. Seal again to cover what is left.`);
  }
}

/** A seal must cover at least one event after the one it continues from. */
export class EmptySealError extends RuleViolationError {
  constructor(readonly position: number) {
    super(`A seal at log position ${position} covers no event after the seal it continues from.`);
  }
}
