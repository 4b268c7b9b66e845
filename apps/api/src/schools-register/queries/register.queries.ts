import { BadRequestException, Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Caller, CategorisationTable, CategoryMovements, CategorySchemeView, LogStamp, SchoolAnswer, SchoolRegisterView } from '@rag-ledger/contract';
import { dayOf, daysAfter, SchoolNotRegisteredError } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { categorisationTable, categoryMovements, matchesRegisterFilter, SchoolsQueries, toSchoolRow, type RegisterFilter } from '@rag-ledger/projections';
import { hashAt } from '../../audit/log-stamp';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';
import type { RegisterQueryDto } from '../dto/register-query.dto';
import { isCodeOf, schemeToCountBy, schoolNotAllowed, schoolSightOf } from '../register-access';

/** The UK day a register read is about: today, or `asOf`'s day. */
const dayAsked = (clock: Clock, asOf?: string): string => pointInTime(clock, asOf).day;

/** The log position the register was read at, and the chain's hash there: what a printed register carries. */
async function stampOf(queries: SchoolsQueries, store: EventStore): Promise<LogStamp> {
  const position = queries.lastPosition();
  return { position, head: position === null ? null : await hashAt(store, position) };
}

export class GetRegisterQuery extends Query<SchoolRegisterView> {
  constructor(
    readonly caller: Caller,
    readonly query: RegisterQueryDto,
  ) {
    super();
  }
}

export class GetSchoolQuery extends Query<SchoolAnswer> {
  constructor(
    readonly caller: Caller,
    readonly urn: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

export class GetCategorisationQuery extends Query<CategorisationTable> {
  constructor(
    readonly caller: Caller,
    readonly scheme?: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

export class GetMovementsQuery extends Query<CategoryMovements> {
  constructor(
    readonly caller: Caller,
    readonly from?: string,
    readonly to?: string,
    readonly scheme?: string,
  ) {
    super();
  }
}

export class GetCategorySchemesQuery extends Query<CategorySchemeView[]> {}

/**
 * The register as at a day, cut to the schools the caller may see (a board member none is
 * named for sees an empty list: counts are in the table), then narrowed by the filters. A
 * filter value the register does not know is a 400 naming it, never an empty answer.
 */
@QueryHandler(GetRegisterQuery)
export class GetRegisterHandler implements IQueryHandler<GetRegisterQuery, SchoolRegisterView> {
  constructor(
    private readonly schools: SchoolsQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, query }: GetRegisterQuery): Promise<SchoolRegisterView> {
    const day = dayAsked(this.clock, query.asOf);
    const schemes = this.schools.schemes();
    const rows = this.schools.rowsOn(day);
    const problems: string[] = [];
    if (query.scheme !== undefined && !schemes.has(query.scheme)) problems.push(`scheme "${query.scheme}" is not one of the council's schemes`);
    else {
      if (query.category !== undefined && !isCodeOf(schemes, query.category, 'category', query.scheme)) {
        problems.push(`category "${query.category}" is not a code of ${query.scheme !== undefined ? `scheme "${query.scheme}"` : 'any category scheme'}`);
      }
      if (query.stage !== undefined && !isCodeOf(schemes, query.stage, 'intervention-stage', query.scheme)) {
        problems.push(`stage "${query.stage}" is not a stage of ${query.scheme !== undefined ? `scheme "${query.scheme}"` : 'any intervention-stage scheme'}`);
      }
    }
    // Districts are the national list's, not confidential: one no school of the register is in is a typing error.
    if (query.district !== undefined && !rows.some((r) => r.district !== null && r.district.localeCompare(query.district!, 'en-GB', { sensitivity: 'accent' }) === 0)) {
      problems.push(`district "${query.district}" is not the district of any school in the register`);
    }
    if (problems.length > 0) throw new BadRequestException(problems);
    const filter: RegisterFilter = {
      phase: query.phase, district: query.district, category: query.category, stage: query.stage, scheme: query.scheme, officer: query.officer, visit: query.visit, plan: query.plan,
    };
    const sight = schoolSightOf(caller);
    const visible = rows.filter((row) => sight.sees(row.urn) && matchesRegisterFilter(row, filter));
    visible.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.urn.localeCompare(b.urn));
    return { asOf: day, schools: visible, stamp: await stampOf(this.schools, this.store) };
  }
}

/** One school as at a day, with its timeline: only for those who may see it; 404 only for those who see every school. */
@QueryHandler(GetSchoolQuery)
export class GetSchoolHandler implements IQueryHandler<GetSchoolQuery, SchoolAnswer> {
  constructor(
    private readonly schools: SchoolsQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, urn, asOf }: GetSchoolQuery): Promise<SchoolAnswer> {
    const sight = schoolSightOf(caller);
    if (!sight.sees(urn)) throw schoolNotAllowed();
    const day = dayAsked(this.clock, asOf);
    const school = this.schools.school(urn, day);
    if (!school) {
      if (!sight.every) throw schoolNotAllowed();
      if (this.schools.revisionOf(urn) === undefined) throw new SchoolNotRegisteredError(urn);
      throw new NotFoundException(`The school with URN ${urn} had not opened by ${day}.`);
    }
    return {
      asOf: day,
      school: toSchoolRow(school, day, this.schools.schemes()),
      timeline: this.schools.timeline(urn, day),
      revision: this.schools.revisionOf(urn)!,
      stamp: await stampOf(this.schools, this.store),
    };
  }
}

/** The categorisation table: counts for everyone allowed to read counts; which school holds which code only for those who may see it. */
@QueryHandler(GetCategorisationQuery)
export class GetCategorisationHandler implements IQueryHandler<GetCategorisationQuery, CategorisationTable> {
  constructor(
    private readonly schools: SchoolsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, scheme: schemeId, asOf }: GetCategorisationQuery): Promise<CategorisationTable> {
    const scheme = schemeToCountBy(this.schools.schemes(), schemeId);
    const day = dayAsked(this.clock, asOf);
    const sight = schoolSightOf(caller);
    const phases = categorisationTable(this.schools.schoolsOn(day), scheme, day).map(({ schools, ...phase }) =>
      sight.listsSchools ? { ...phase, schools: schools.filter((s) => sight.sees(s.urn)) } : phase,
    );
    return { asOf: day, scheme: scheme.id, phases };
  }
}

/** The movements between codes over a period, worst destination first; the schools that moved only for those who may see them. */
@QueryHandler(GetMovementsQuery)
export class GetMovementsHandler implements IQueryHandler<GetMovementsQuery, CategoryMovements> {
  constructor(
    private readonly schools: SchoolsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, from: fromAsked, to: toAsked, scheme: schemeId }: GetMovementsQuery): Promise<CategoryMovements> {
    if (fromAsked === undefined) throw new BadRequestException(['from is needed: the first day of the period, e.g. 2013-09-01']);
    const scheme = schemeToCountBy(this.schools.schemes(), schemeId);
    // `from` as the first day of the period: a date-time is read as its UK day, as asOf is.
    const from = dayAsked(this.clock, fromAsked);
    const to = toAsked === undefined ? dayOf(this.clock.now()) : dayAsked(this.clock, toAsked);
    if (to < from) throw new BadRequestException([`to (${to}) cannot be before from (${from})`]);
    const sight = schoolSightOf(caller);
    const moves = categoryMovements(this.schools.schoolsOn(daysAfter(from, -1)), this.schools.schoolsOn(to), scheme, to).map(({ schools, ...move }) =>
      sight.listsSchools ? { ...move, schools: schools.filter((s) => sight.sees(s.urn)) } : move,
    );
    return { from, to, scheme: scheme.id, moves };
  }
}

/** The council's schemes with their codes, labels, order, groups and visit schedules: not confidential. */
@QueryHandler(GetCategorySchemesQuery)
export class GetCategorySchemesHandler implements IQueryHandler<GetCategorySchemesQuery, CategorySchemeView[]> {
  constructor(private readonly schools: SchoolsQueries) {}

  async execute(): Promise<CategorySchemeView[]> {
    return [...this.schools.schemes().values()].map(({ id, name, kind, categories, revision }) => ({
      id, name, kind, categories: [...categories].sort((a, b) => a.order - b.order), revision,
    }));
  }
}
