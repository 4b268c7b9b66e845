import { ConflictError, NotFoundError, RuleViolationError } from '../shared/errors';
import { BOARD_KINDS } from './board.events';

export class BoardNotFoundError extends NotFoundError {
  constructor(readonly boardId: string) {
    super(`There is no board with id "${boardId}".`);
  }
}

export class BoardAlreadyExistsError extends ConflictError {
  constructor(readonly boardId: string) {
    super(`A board with id "${boardId}" already exists.`);
  }
}

export class BoardNameRequiredError extends RuleViolationError {
  constructor() {
    super('A board needs a name, as its papers print it ("Children\'s Services Improvement Board").');
  }
}

export class InvalidBoardKindError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" is not a kind of board; use ${BOARD_KINDS.map((k) => `"${k}"`).join(', ')}.`);
  }
}

export class BoardPlansRequiredError extends RuleViolationError {
  constructor() {
    super('A board reviews at least one plan: name the plans whose boards and changes its packs show.');
  }
}

export class UnknownPlansError extends RuleViolationError {
  constructor(readonly planIds: readonly string[]) {
    super(`There is no plan with id ${planIds.map((id) => `"${id}"`).join(', ')}: a board can only review plans the tracker holds.`);
  }
}

export class MeetingNotFoundError extends NotFoundError {
  constructor(readonly meetingId: string) {
    super(`There is no meeting with id "${meetingId}".`);
  }
}

export class MeetingAlreadyExistsError extends ConflictError {
  constructor(readonly meetingId: string) {
    super(`A meeting with id "${meetingId}" already exists.`);
  }
}

export class MeetingTitleRequiredError extends RuleViolationError {
  constructor() {
    super('A meeting needs a title, as its agenda prints it ("Improvement Board, January").');
  }
}

export class InvalidMeetingDayError extends RuleViolationError {
  constructor(
    readonly field: 'date' | 'papersDueOn' | 'dueOn',
    readonly value: unknown,
  ) {
    super(`"${String(value)}" is not a calendar date; give ${field === 'date' ? "the meeting's day" : field === 'papersDueOn' ? 'the day papers are due' : 'the day it is due'} as YYYY-MM-DD.`);
  }
}

export class PapersDueAfterMeetingError extends RuleViolationError {
  constructor(
    readonly papersDueOn: string,
    readonly date: string,
  ) {
    super(`Papers due on ${papersDueOn} would be after the meeting on ${date}: papers are due on or before the meeting's day.`);
  }
}

/** A pack is issued once: what the meeting saw cannot be replaced (a correction goes in the next pack). */
export class PackAlreadyIssuedError extends ConflictError {
  constructor(
    readonly meetingId: string,
    readonly issuedAt: string,
  ) {
    super(`The pack for meeting "${meetingId}" was issued at ${issuedAt} and cannot be issued again: it stays what the meeting saw.`);
  }
}

export class InvalidPackStampError extends RuleViolationError {
  constructor(readonly why: string) {
    super(`The pack cannot be issued: ${why}.`);
  }
}

export class BoardActionNotFoundError extends NotFoundError {
  constructor(readonly boardActionId: string) {
    super(`There is no board action with id "${boardActionId}".`);
  }
}

export class BoardActionAlreadyExistsError extends ConflictError {
  constructor(readonly boardActionId: string) {
    super(`A board action with id "${boardActionId}" already exists.`);
  }
}

export class BoardActionFieldRequiredError extends RuleViolationError {
  constructor(readonly field: 'agendaItem' | 'text' | 'owner') {
    super(
      field === 'agendaItem'
        ? 'Say which agenda item the action was agreed under.'
        : field === 'text'
          ? 'Say what was agreed, in the words of the minutes.'
          : 'Name who is to do it (their initials or name).',
    );
  }
}

export class BoardActionResponseRequiredError extends RuleViolationError {
  constructor() {
    super('A response needs some text: what was done, or where it stands.');
  }
}

export class BoardActionClosedError extends ConflictError {
  constructor(readonly boardActionId: string) {
    super(`Board action "${boardActionId}" is closed; a new response or closure would go on a new action agreed at a meeting.`);
  }
}
