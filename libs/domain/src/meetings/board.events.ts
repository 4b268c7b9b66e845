/**
 * The boards that meet: the Improvement Board, each plan's board, the Overview and Scrutiny
 * panel, with the plans each reviews and its members. One stream per board, `board-<boardId>`.
 */
import type { BoardKind } from '@rag-ledger/contract';

export { BOARD_KINDS, BOARD_KIND_NAMES, isBoardKind, type BoardKind } from '@rag-ledger/contract';

export interface BoardDetails {
  name: string;
  kind: BoardKind;
  /** The plans it reviews, in the order the council lists them. */
  planIds: string[];
  /** Its members as the council names them (directory initials, or names). */
  members: string[];
}

export interface BoardEstablished {
  type: 'BoardEstablished';
  data: { boardId: string } & BoardDetails;
}

export interface BoardRevised {
  type: 'BoardRevised';
  data: { boardId: string; changes: Partial<BoardDetails>; reason: string };
}

export type BoardEvent = BoardEstablished | BoardRevised;
