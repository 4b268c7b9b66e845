import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MyAction, MyActionDue, MyActionsView } from '@rag-ledger/contract';
import { daysAfter, foldInitials } from '@rag-ledger/domain';
import { PeopleQueries, RagBoardQueries, type ActionView } from '@rag-ledger/projections';
import type { Principal } from '../../auth/principal';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';

/** How far ahead "due soon" looks: 30 UK calendar days from today. */
export const DUE_SOON_DAYS = 30;

export class GetMyActionsQuery extends Query<MyActionsView> {
  constructor(readonly principal: Principal) {
    super();
  }
}

/** Where an action stands for its owner on `day`: closed (completed or withdrawn), overdue, due within 30 days, or later. */
export function dueOf(action: Pick<ActionView, 'status' | 'overdue' | 'targetDate'>, day: string): MyActionDue {
  if (action.status === 'B' || action.status === 'withdrawn') return 'closed';
  if (action.overdue) return 'overdue';
  if (action.targetDate !== null && action.targetDate <= daysAfter(day, DUE_SOON_DAYS)) return 'within-30-days';
  return 'later';
}

const DUE_ORDER: Record<MyActionDue, number> = { overdue: 0, 'within-30-days': 1, later: 2, closed: 3 };

/** Overdue first, then due within 30 days, then the rest, closed last; within each, the earliest target first (none last). */
export function byDue(a: MyAction, b: MyAction): number {
  return DUE_ORDER[a.due] - DUE_ORDER[b.due] || (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999') || a.id.localeCompare(b.id);
}

/**
 * The actions the caller owns, across every plan: those printing the caller's initials among
 * their owners. The caller is the person `principal.id` in the directory; a caller the
 * directory does not know (a development token) owns none.
 */
@QueryHandler(GetMyActionsQuery)
export class GetMyActionsHandler implements IQueryHandler<GetMyActionsQuery, MyActionsView> {
  constructor(
    private readonly people: PeopleQueries,
    private readonly board: RagBoardQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ principal }: GetMyActionsQuery): Promise<MyActionsView> {
    const person = this.people.person(principal.id);
    if (!person) return { person: null, actions: [] };
    const when = pointInTime(this.clock);
    const mine = foldInitials(person.initials);
    const planTitles = new Map(this.board.listPlans(when).map((p) => [p.id, p.title]));
    const actions = this.board
      .actions(when)
      .filter((a) => a.owners.some((owner) => foldInitials(owner) === mine))
      .map(
        (a): MyAction => ({
          id: a.id,
          ref: a.ref,
          title: a.title,
          planId: a.planId,
          planTitle: planTitles.get(a.planId) ?? a.planId,
          status: a.status,
          ...(a.status === 'G' || a.status === 'A' || a.status === 'R' ? { rag: a.status } : {}),
          ...(a.targetDate !== null ? { targetDate: a.targetDate } : {}),
          due: dueOf(a, when.day),
          stepsDone: a.stepsDone,
          stepsTotal: a.stepsTotal,
        }),
      )
      .sort(byDue);
    return {
      person: { id: person.id, name: person.name, initials: person.initials, ...(person.jobTitle !== undefined ? { jobTitle: person.jobTitle } : {}) },
      actions,
    };
  }
}
