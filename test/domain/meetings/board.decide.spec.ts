import {
  BoardAlreadyExistsError,
  boardDecider,
  BoardNameRequiredError,
  BoardNotFoundError,
  BoardPlansRequiredError,
  InvalidBoardKindError,
  NothingToReviseError,
  ReasonRequiredError,
  UnknownPlansError,
  type BoardEvent,
} from '@rag-ledger/domain';
import { deciderSpec } from '../decider-spec';

const given = deciderSpec(boardDecider);
const known = ['SIP', 'EDU', 'LAC'];
const established: BoardEvent = {
  type: 'BoardEstablished',
  data: { boardId: 'CSIB', name: "Children's Services Improvement Board", kind: 'improvement', planIds: ['SIP', 'EDU'], members: ['Independent Chair', 'SS'] },
};

describe('a board that meets', () => {
  describe('establishing', () => {
    it('records the board with its plans and members, trimmed, each once, kind improvement by default', () => {
      given([])
        .when({ type: 'EstablishBoard', data: { boardId: 'CSIB', name: " Children's Services Improvement Board ", planIds: ['SIP', ' EDU', 'SIP'], members: ['Independent Chair', ' SS ', ' '] }, knownPlanIds: known })
        .then(established);
    });

    it('takes the scrutiny panel and a plan board as kinds', () => {
      given([])
        .when({ type: 'EstablishBoard', data: { boardId: 'OSP', name: 'Overview and Scrutiny', kind: 'scrutiny', planIds: ['EDU'] }, knownPlanIds: known })
        .then({ type: 'BoardEstablished', data: { boardId: 'OSP', name: 'Overview and Scrutiny', kind: 'scrutiny', planIds: ['EDU'], members: [] } });
    });

    it('refuses a board already set up, a blank name, a kind not known, no plans, and plans the tracker does not hold (naming them)', () => {
      const establish = (data: Partial<{ name: string; kind: string; planIds: string[] }>) => ({
        type: 'EstablishBoard' as const,
        data: { boardId: 'X', name: 'Panel', planIds: ['SIP'], ...data } as never,
        knownPlanIds: known,
      });
      given([established]).when({ ...establish({}), data: { boardId: 'CSIB', name: 'Again', planIds: ['SIP'] } }).thenThrows(BoardAlreadyExistsError, /"CSIB" already exists/);
      given([]).when(establish({ name: '  ' })).thenThrows(BoardNameRequiredError);
      given([]).when(establish({ kind: 'cabinet' })).thenThrows(InvalidBoardKindError, /"cabinet" is not a kind of board/);
      given([]).when(establish({ planIds: [' '] })).thenThrows(BoardPlansRequiredError);
      given([]).when(establish({ planIds: ['SIP', 'NOPE', 'GONE'] })).thenThrows(UnknownPlansError, /"NOPE", "GONE"/);
    });
  });

  describe('revising', () => {
    it('records only what changed, with the reason', () => {
      given([established])
        .when({ type: 'ReviseBoard', data: { boardId: 'CSIB', changes: { name: "Children's Services Improvement Board", planIds: ['SIP', 'EDU', 'LAC'] }, reason: 'LAC plan reports here now' }, knownPlanIds: known })
        .then({ type: 'BoardRevised', data: { boardId: 'CSIB', changes: { planIds: ['SIP', 'EDU', 'LAC'] }, reason: 'LAC plan reports here now' } });
    });

    it('refuses an unknown board, nothing to change, no reason, and unknown plans', () => {
      const revise = (changes: object, reason = 'Because') => ({ type: 'ReviseBoard' as const, data: { boardId: 'CSIB', changes, reason }, knownPlanIds: known });
      given([]).when(revise({ name: 'New' })).thenThrows(BoardNotFoundError);
      given([established]).when(revise({ kind: 'improvement', members: ['Independent Chair', 'SS'] })).thenThrows(NothingToReviseError);
      given([established]).when(revise({ name: 'New' }, ' ')).thenThrows(ReasonRequiredError);
      given([established]).when(revise({ planIds: ['NOPE'] })).thenThrows(UnknownPlansError);
      given([established]).when(revise({ kind: 'cabinet' })).thenThrows(InvalidBoardKindError);
    });
  });
});
