import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { PeopleView, PersonAnswer, UnmatchedOwner } from '@rag-ledger/contract';
import { PersonNotFoundError } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { AuditTrailQueries, PeopleQueries, RagBoardQueries } from '@rag-ledger/projections';
import { logStampAt, type BoardStamp } from '../../audit/log-stamp';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';
import { personView, plansByOwner } from '../person-view';

export class ListPeopleQuery extends Query<PeopleView> {
  constructor(readonly asOf?: string) {
    super();
  }
}

export class GetPersonQuery extends Query<PersonAnswer> {
  constructor(
    readonly personId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

/** GET /api/people/unmatched-owners. */
export interface UnmatchedOwnersView {
  asOf: string;
  owners: UnmatchedOwner[];
  stamp: BoardStamp;
}

export class ListUnmatchedOwnersQuery extends Query<UnmatchedOwnersView> {}

/** The directory now or as it stood at an instant, each person with the rights they held then, and the log's stamp there. */
@QueryHandler(ListPeopleQuery)
export class ListPeopleHandler implements IQueryHandler<ListPeopleQuery, PeopleView> {
  constructor(
    private readonly people: PeopleQueries,
    private readonly board: RagBoardQueries,
    private readonly audit: AuditTrailQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ asOf }: ListPeopleQuery): Promise<PeopleView> {
    const when = pointInTime(this.clock, asOf);
    const byOwner = plansByOwner(this.board.actions(when));
    return { asOf: when.instant, people: this.people.people(when).map((p) => personView(p, byOwner)), stamp: await logStampAt(this.audit, this.store, when.instant) };
  }
}

@QueryHandler(GetPersonQuery)
export class GetPersonHandler implements IQueryHandler<GetPersonQuery, PersonAnswer> {
  constructor(
    private readonly people: PeopleQueries,
    private readonly board: RagBoardQueries,
    private readonly audit: AuditTrailQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ personId, asOf }: GetPersonQuery): Promise<PersonAnswer> {
    const when = pointInTime(this.clock, asOf);
    const person = this.people.person(personId, when);
    // Nobody of that id then: not yet added at that instant, or never.
    if (!person) throw new PersonNotFoundError(personId);
    const view = personView(person, plansByOwner(this.board.actions(when)));
    return { ...view, asOf: when.instant, stamp: await logStampAt(this.audit, this.store, when.instant) };
  }
}

/**
 * "Owners not in the directory": each owner string printed on a current action (not withdrawn)
 * that is nobody's initials, with how many actions print it and in which plans. The owners are
 * kept as printed (case and all), so an admin sees exactly what to add or correct.
 */
@QueryHandler(ListUnmatchedOwnersQuery)
export class ListUnmatchedOwnersHandler implements IQueryHandler<ListUnmatchedOwnersQuery, UnmatchedOwnersView> {
  constructor(
    private readonly people: PeopleQueries,
    private readonly board: RagBoardQueries,
    private readonly audit: AuditTrailQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(): Promise<UnmatchedOwnersView> {
    const when = pointInTime(this.clock);
    const directory = this.people.directory(when);
    const unmatched = new Map<string, { actions: number; plans: Set<string> }>();
    for (const action of this.board.actions(when)) {
      if (action.status === 'withdrawn') continue;
      for (const owner of new Set(action.owners)) {
        if (directory.personWithInitials(owner)) continue;
        const entry = unmatched.get(owner) ?? { actions: 0, plans: new Set<string>() };
        entry.actions++;
        entry.plans.add(action.planId);
        unmatched.set(owner, entry);
      }
    }
    const owners = [...unmatched]
      .map(([owner, { actions, plans }]) => ({ owner, actions, plans: [...plans].sort() }))
      .sort((a, b) => b.actions - a.actions || a.owner.localeCompare(b.owner));
    return { asOf: when.instant, owners, stamp: await logStampAt(this.audit, this.store, when.instant) };
  }
}
