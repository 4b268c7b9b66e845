import { ConflictError } from '@rag-ledger/domain';

/** A meeting scheduled without an id is `<boardId>-<date>`: a second meeting of the board on that day needs one given. */
export class MeetingIdTakenError extends ConflictError {
  constructor(
    readonly boardId: string,
    readonly date: string,
    readonly meetingId: string,
  ) {
    super(`Board "${boardId}" already has a meeting on ${date} (id "${meetingId}"): give this meeting an id of its own, for example "${meetingId}-2".`);
  }
}
