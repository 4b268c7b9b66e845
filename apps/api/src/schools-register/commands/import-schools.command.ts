import { randomUUID } from 'node:crypto';
import { BadRequestException, Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { categorySchemeDecider, dayOf, foldEvents, schoolStream, type SchoolEvent } from '@rag-ledger/domain';
import { NO_STREAM, readStreamOrEmpty, type EventStore } from '@rag-ledger/event-store';
import {
  planCategorisationImport,
  planSchoolsListImport,
  readCategorisationsCsv,
  readSchoolsList,
  type CurrentSchool,
  type SchoolAppend,
  type SchoolsListReport,
} from '@rag-ledger/import';
import { keyedEventId, WritePath, type WriteContext } from '@rag-ledger/write-path';
import { CLOCK, type Clock } from '../../common/clock';
import type { CommandContext } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';

/** POST /api/schools/import answers the report and the log position of its last event (null when it wrote nothing). */
export type SchoolsListImportResult = SchoolsListReport & { position: number | null };
export interface CategorisationImportResult {
  categorised: number;
  unchanged: number;
  position: number | null;
}

export class ImportSchoolsListCommand extends Command<SchoolsListImportResult> {
  constructor(
    readonly csv: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class ImportCategorisationsCommand extends Command<CategorisationImportResult> {
  constructor(
    readonly csv: string,
    readonly options: { scheme: string; categorisedOn?: string; reason?: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Every school the file names, as the log records it (the read models may lag behind). */
async function currentSchools(store: EventStore, urns: readonly string[]): Promise<Map<string, CurrentSchool>> {
  const current = new Map<string, CurrentSchool>();
  for (const urn of new Set(urns)) {
    const events = await readStreamOrEmpty(store, schoolStream(urn));
    if (events.length === 0) continue;
    current.set(urn, { events: events.map((e) => ({ type: e.type, data: e.data }) as SchoolEvent), revision: events[events.length - 1].revision });
  }
  return current;
}

/**
 * Writes an import's appends as ONE decision over every school stream it touches (all or
 * nothing on the embedded store; see WritePath.appendMany), each at the revision it was read
 * at, so a change made meanwhile is a 409 and nothing of the file is written. Under an
 * Idempotency-Key the event ids derive from it, as every keyed command's do.
 */
async function appendAll(writePath: WritePath, appends: SchoolAppend[], context: WriteContext, request: unknown): Promise<number | null> {
  if (appends.length === 0) return null;
  const metadata = writePath.metadata(context, writePath.identify(context, request));
  let index = 0;
  const idFor = () => (context.idempotencyKey === undefined ? randomUUID() : keyedEventId(context.actor.id, context.idempotencyKey, index++));
  const results = await writePath.appendMany(
    appends.map((a) => ({
      streamId: schoolStream(a.urn),
      expectedRevision: a.expectedRevision ?? NO_STREAM,
      events: a.events.map((e) => ({ id: idFor(), type: e.type, data: e.data, metadata })),
    })),
    context,
  );
  return Number(results[results.length - 1].position);
}

/** The national schools list, refreshed as events: a second import of the same file writes nothing. */
@CommandHandler(ImportSchoolsListCommand)
export class ImportSchoolsListHandler implements ICommandHandler<ImportSchoolsListCommand, SchoolsListImportResult> {
  constructor(private readonly writePath: WritePath) {}

  async execute({ csv, context }: ImportSchoolsListCommand): Promise<SchoolsListImportResult> {
    const list = readSchoolsList(csv);
    const current = await currentSchools(this.writePath.store, list.schools.map((s) => s.urn));
    const { appends, report } = planSchoolsListImport(list, current);
    const position = await appendAll(this.writePath, appends, writeContextOf(context), { command: 'ImportSchoolsList', csv });
    return { ...report, position };
  }
}

/** A file of categorisations in one of the council's category schemes, each through the school decider. */
@CommandHandler(ImportCategorisationsCommand)
export class ImportCategorisationsHandler implements ICommandHandler<ImportCategorisationsCommand, CategorisationImportResult> {
  constructor(
    private readonly writePath: WritePath,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ csv, options, context }: ImportCategorisationsCommand): Promise<CategorisationImportResult> {
    const today = dayOf(this.clock.now());
    const schemeEvents = await readStreamOrEmpty(this.writePath.store, categorySchemeDecider.streamOf(options.scheme));
    const scheme = foldEvents(categorySchemeDecider, schemeEvents.map((e) => ({ type: e.type, data: e.data }) as never));
    if (!scheme.exists) throw new BadRequestException([`scheme "${options.scheme}" is not one of the council's schemes`]);
    if (scheme.kind !== 'category') throw new BadRequestException([`scheme "${options.scheme}" is an intervention-stage scheme: categorisations are in a category scheme`]);
    const rows = readCategorisationsCsv(csv);
    const current = await currentSchools(this.writePath.store, rows.map((r) => r.urn));
    const { appends, categorised, unchanged } = planCategorisationImport(rows, scheme, { categorisedOn: options.categorisedOn ?? today, reason: options.reason, today }, current);
    const position = await appendAll(this.writePath, appends, writeContextOf(context), { command: 'ImportCategorisations', options, csv });
    return { categorised, unchanged, position };
  }
}
