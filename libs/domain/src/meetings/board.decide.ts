import { NothingToReviseError, requireReason } from '../shared/errors';
import { changedFields, withoutUndefined } from '../shared/revisions';
import { isBoardKind, type BoardDetails, type BoardEvent, type BoardKind } from './board.events';
import type { BoardState } from './board.state';
import { BoardAlreadyExistsError, BoardNameRequiredError, BoardNotFoundError, BoardPlansRequiredError, InvalidBoardKindError, UnknownPlansError } from './meetings.errors';

/**
 * Commands are plain data. `knownPlanIds` are the plans the tracker holds among those named
 * (the handler reads them), so the rule can refuse a board of plans that do not exist.
 */
export type BoardCommand =
  | {
      type: 'EstablishBoard';
      data: { boardId: string; name: string; kind?: BoardKind; planIds: string[]; members?: string[] };
      knownPlanIds: readonly string[];
    }
  | { type: 'ReviseBoard'; data: { boardId: string; changes: Partial<BoardDetails>; reason: string }; knownPlanIds: readonly string[] };

export function decideBoard(command: BoardCommand, state: BoardState): BoardEvent[] {
  if (command.type === 'EstablishBoard') {
    const d = command.data;
    if (state.exists) throw new BoardAlreadyExistsError(d.boardId);
    const kind = d.kind ?? 'improvement';
    if (!isBoardKind(kind)) throw new InvalidBoardKindError(kind);
    return [
      {
        type: 'BoardEstablished',
        data: { boardId: d.boardId, name: requireName(d.name), kind, planIds: requirePlans(d.planIds, command.knownPlanIds), members: cleanList(d.members ?? []) },
      },
    ];
  }
  if (!state.exists) throw new BoardNotFoundError(command.data.boardId);
  const c = command.data.changes;
  if (c.kind !== undefined && !isBoardKind(c.kind)) throw new InvalidBoardKindError(c.kind);
  const proposed = withoutUndefined({
    name: c.name === undefined ? undefined : requireName(c.name),
    kind: c.kind,
    planIds: c.planIds === undefined ? undefined : requirePlans(c.planIds, command.knownPlanIds),
    members: c.members === undefined ? undefined : cleanList(c.members),
  });
  const changes = changedFields(proposed, state);
  if (Object.keys(changes).length === 0) throw new NothingToReviseError(`board "${state.id}"`);
  return [{ type: 'BoardRevised', data: { boardId: state.id, changes, reason: requireReason(command.data.reason, 'revising the board') } }];
}

function requireName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw new BoardNameRequiredError();
  return name.trim();
}

function requirePlans(planIds: readonly string[], known: readonly string[]): string[] {
  const ids = cleanList(planIds);
  if (ids.length === 0) throw new BoardPlansRequiredError();
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new UnknownPlansError(unknown);
  return ids;
}

/** Trimmed, blanks dropped, each once, in the order given. */
const cleanList = (values: readonly string[]): string[] => [...new Set(values.map((v) => String(v).trim()).filter((v) => v.length > 0))];
