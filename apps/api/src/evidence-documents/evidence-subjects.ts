import { Injectable } from '@nestjs/common';
import { BOARD_ACTION_RESPONDERS, mayAssessMilestone, mayReadHistory, mayUpdatePlan } from '@rag-ledger/contract';
import {
  ActionNotFoundError,
  actionDecider,
  boardActionDecider,
  BoardActionNotFoundError,
  foldInitials,
  ForbiddenError,
  MeasureNotFoundError,
  measureDecider,
  milestoneDecider,
  MilestoneNotFoundError,
  type EvidenceSubject,
} from '@rag-ledger/domain';
import { WritePath } from '@rag-ledger/write-path';
import { Directory } from '../accounts/directory';
import type { Principal } from '../auth/principal';

/** An action, a measure, a milestone or a board action, named by the route. */
export type SubjectRef = { kind: 'action' | 'measure' | 'milestone' | 'boardAction'; id: string };

/** What an upload is about, as it is now: its plan, and for a measure the periods evidence may stand behind. */
export interface AttachTarget {
  /** Null for a board action: it names no plan. */
  planId: string | null;
  subject: EvidenceSubject;
  /** A measure's periods with a value or a target, in no particular order; undefined for an action. */
  periods?: string[];
}

export class EvidenceNotAllowedError extends ForbiddenError {
  constructor(subject: SubjectRef, planId: string | null) {
    super(
      subject.kind === 'boardAction'
        ? `Only administrators, board members, owners and officers may attach or withdraw evidence for board action "${subject.id}".`
        : subject.kind === 'action'
        ? `You are not an owner of plan "${planId}" nor named as an owner of action "${subject.id}", so you cannot attach or withdraw its evidence.`
        : subject.kind === 'milestone'
          ? `Only board members, administrators and owners of plan "${planId}" may attach or withdraw evidence for its milestone "${subject.id}".`
          : `You are not an owner of plan "${planId}", so you cannot attach or withdraw evidence for its measure "${subject.id}".`,
    );
  }
}

/** Withdrawn documents are history: for the board, auditors and admins, and the owners of the plan. */
export const mayReadWithdrawnEvidence = (principal: Principal, planId: string | null): boolean => mayReadHistory(principal) || (planId !== null && mayUpdatePlan(principal, planId));

/**
 * Who may attach evidence to (or withdraw it from) an action or a measure, asked of the subject
 * as it is now (the write side, so an owner named a moment ago counts): admins, the owners of
 * its plan, for an action the people its printed owners name (their initials, matched to
 * the signed-in person in the directory), and for a milestone whoever may assess it (board members too).
 */
@Injectable()
export class EvidenceSubjects {
  constructor(
    private readonly writePath: WritePath,
    private readonly directory: Directory,
  ) {}

  /** The subject to attach to: 404 when there is none, 403 when the caller may not. Asked before any byte of the file is read. */
  async forAttach(subject: SubjectRef, principal: Principal): Promise<AttachTarget> {
    if (subject.kind === 'boardAction') {
      // As its responses: whoever may answer a board action may put the evidence of it on the record.
      const { state } = await this.writePath.stateOf(boardActionDecider, subject.id);
      if (!state.exists) throw new BoardActionNotFoundError(subject.id);
      if (!principal.roles.some((role) => BOARD_ACTION_RESPONDERS.includes(role))) throw new EvidenceNotAllowedError(subject, null);
      return { planId: null, subject: { kind: 'boardAction', boardActionId: subject.id } };
    }
    if (subject.kind === 'action') {
      const { state } = await this.writePath.stateOf(actionDecider, subject.id);
      if (!state.exists) throw new ActionNotFoundError(subject.id);
      await this.assertMay(principal, subject, state.planId, state.owners);
      return { planId: state.planId, subject: { kind: 'action', actionId: subject.id } };
    }
    if (subject.kind === 'milestone') {
      const { state } = await this.writePath.stateOf(milestoneDecider, subject.id);
      if (!state.exists) throw new MilestoneNotFoundError(subject.id);
      if (!mayAssessMilestone(principal, state.planId)) throw new EvidenceNotAllowedError(subject, state.planId);
      return { planId: state.planId, subject: { kind: 'milestone', milestoneId: subject.id } };
    }
    const { state } = await this.writePath.stateOf(measureDecider, subject.id);
    if (!state.exists) throw new MeasureNotFoundError(subject.id);
    await this.assertMay(principal, subject, state.planId, []);
    return { planId: state.planId, subject: { kind: 'measure', measureId: subject.id }, periods: [...new Set([...Object.keys(state.values), ...Object.keys(state.targets)])] };
  }

  /** The same rule for a withdrawal, on the document's own subject. */
  async assertMayWithdraw(principal: Principal, subject: EvidenceSubject): Promise<void> {
    await this.forAttach(subjectRefOf(subject), principal);
  }

  private async assertMay(principal: Principal, subject: SubjectRef, planId: string, owners: readonly string[]): Promise<void> {
    if (mayUpdatePlan(principal, planId)) return;
    if (owners.length > 0) {
      const person = await this.directory.person(principal.id);
      if (person?.active && owners.some((owner) => foldInitials(owner) === foldInitials(person.initials))) return;
    }
    throw new EvidenceNotAllowedError(subject, planId);
  }
}

/** The route's name for a document's subject. */
export function subjectRefOf(subject: EvidenceSubject): SubjectRef {
  switch (subject.kind) {
    case 'action':
      return { kind: 'action', id: subject.actionId };
    case 'measure':
      return { kind: 'measure', id: subject.measureId };
    case 'milestone':
      return { kind: 'milestone', id: subject.milestoneId };
    case 'boardAction':
      return { kind: 'boardAction', id: subject.boardActionId };
  }
}
