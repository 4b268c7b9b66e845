import { join } from 'node:path';
import {
  Global,
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { BackgroundCheckpointer, EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import {
  AuditTrailQueries,
  ChangesQueries,
  createProjections,
  DemoMarksQueries,
  EvidenceDocumentsQueries,
  MeasuresQueries,
  MeetingsQueries,
  MilestonesQueries,
  openReadModelDatabase,
  PeopleQueries,
  PROJECTED_STREAM_PREFIXES,
  ProjectionRunner,
  type Projection,
  type ProjectionFailure,
  readModelFiles,
  RagBoardQueries,
  SchoolsQueries,
  TrendsQueries,
} from '@rag-ledger/projections';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProjectionFeed } from '../events/projection-feed';

export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
const READ_MODEL_CHECKPOINTERS = Symbol('READ_MODEL_CHECKPOINTERS');
export const READ_MODELS_FILE = 'read-models.db';
const PROJECTIONS = Symbol('PROJECTIONS');

export interface ProjectionsOptions {
  /** The projections to run; every one the tracker keeps by default (tests add one that fails). */
  projections?: () => Projection[];
}

/**
 * One line per failure, when it starts (not at each retry), with what an operator needs to find
 * the event; /api/health reports it for as long as it lasts.
 */
function logFailure(logger: Logger, failure: ProjectionFailure, error: unknown): void {
  logger.error(
    {
      projection: failure.projection,
      stoppedAt: Number(failure.stoppedAt),
      eventId: failure.event?.id,
      eventType: failure.event?.type,
      eventPosition: failure.event && Number(failure.event.position),
      streamId: failure.event?.streamId,
      err: error,
    },
    `projection ${failure.projection} stopped at position ${failure.stoppedAt}: ` +
      (failure.event ? `it could not apply event ${failure.event.id} (${failure.event.type}): ` : '') +
      `${failure.error}; retrying with back-off`,
  );
}

/**
 * The read side: projections fed from the log into `<data dir>/read-models.db` (and the audit
 * trail's `read-models-audit-trail.db` beside it),
 * and the queries over them. The app starts serving once they have caught up.
 */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODEL_DB,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openReadModelDatabase(join(config.dataDir, READ_MODELS_FILE)),
    },
    {
      // The projections' commits then never stop to copy the log into the files.
      provide: READ_MODEL_CHECKPOINTERS,
      inject: [APP_CONFIG, READ_MODEL_DB],
      useFactory: (config: AppConfig, db: Database) => {
        const logger = new Logger('Projections');
        return Object.values(readModelFiles(join(config.dataDir, READ_MODELS_FILE))).map(
          (file) =>
            new BackgroundCheckpointer(db, file, {
              synchronous: 'NORMAL',
              onError: (error) => logger.warn(`background checkpoints of ${file} stopped: ${String(error)}`),
            }),
        );
      },
    },
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, READ_MODEL_DB, { token: PROJECTIONS, optional: true }, { token: ProjectionFeed, optional: true }],
      useFactory: (store: EventStore, db: Database, projections?: () => Projection[], feed?: ProjectionFeed) => {
        const logger = new Logger('Projections');
        return new ProjectionRunner(store, db, (projections ?? createProjections)(), {
          streamPrefixes: PROJECTED_STREAM_PREFIXES,
          // Live boards: each committed batch goes to the open event streams (GET /api/events/stream).
          onBatch: feed ? (events) => feed.publish(events) : undefined,
          onError: (error) => logger.error(`projection stopped: ${(error as Error).stack ?? String(error)}`),
          onFailure: (failure, error) => logFailure(logger, failure, error),
          onRecovery: (name, position, attempts) =>
            logger.log(`projection ${name} recovered after ${attempts} failed attempt${attempts === 1 ? '' : 's'} and has reached position ${position}`),
          // Warned, not an error: the log is whole, only the read models are projected again (the app waits for them).
          onRebuild: (reason) => logger.warn(reason),
          onIdentityUnavailable: (error, attempt, delayMs) =>
            logger.warn(
              `the event store cannot say which log it is (${error instanceof Error ? error.message : String(error)}); ` +
                `the read models wait for it: asking again in ${delayMs} ms (attempt ${attempt})`,
            ),
        });
      },
    },
    { provide: RagBoardQueries, inject: [READ_MODEL_DB, ProjectionRunner], useFactory: (db: Database) => new RagBoardQueries(db) },
    { provide: AuditTrailQueries, inject: [READ_MODEL_DB, ProjectionRunner], useFactory: (db: Database) => new AuditTrailQueries(db) },
    { provide: MeasuresQueries, inject: [READ_MODEL_DB, ProjectionRunner], useFactory: (db: Database) => new MeasuresQueries(db) },
    { provide: MilestonesQueries, inject: [READ_MODEL_DB, ProjectionRunner], useFactory: (db: Database) => new MilestonesQueries(db) },
    { provide: PeopleQueries, inject: [READ_MODEL_DB, ProjectionRunner], useFactory: (db: Database) => new PeopleQueries(db) },
    { provide: EvidenceDocumentsQueries, inject: [READ_MODEL_DB, ProjectionRunner], useFactory: (db: Database) => new EvidenceDocumentsQueries(db) },
    { provide: SchoolsQueries, inject: [READ_MODEL_DB, ProjectionRunner], useFactory: (db: Database) => new SchoolsQueries(db) },
    { provide: DemoMarksQueries, inject: [READ_MODEL_DB, ProjectionRunner], useFactory: (db: Database) => new DemoMarksQueries(db) },
    { provide: MeetingsQueries, inject: [READ_MODEL_DB, ProjectionRunner], useFactory: (db: Database) => new MeetingsQueries(db) },
    {
      provide: TrendsQueries,
      inject: [READ_MODEL_DB, RagBoardQueries],
      useFactory: (db: Database, board: RagBoardQueries) => new TrendsQueries(db, board),
    },
    {
      provide: ChangesQueries,
      inject: [READ_MODEL_DB, RagBoardQueries],
      useFactory: (db: Database, board: RagBoardQueries) => new ChangesQueries(db, board),
    },
  ],
  exports: [ProjectionRunner, RagBoardQueries, AuditTrailQueries, ChangesQueries, MeasuresQueries, MilestonesQueries, PeopleQueries, EvidenceDocumentsQueries, SchoolsQueries, MeetingsQueries, TrendsQueries, DemoMarksQueries, READ_MODEL_DB],
})
export class ProjectionsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  static forRoot(options: ProjectionsOptions = {}): DynamicModule {
    return { module: ProjectionsModule, providers: options.projections ? [{ provide: PROJECTIONS, useValue: options.projections }] : [] };
  }

  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_DB) private readonly db: Database,
    @Inject(READ_MODEL_CHECKPOINTERS) private readonly checkpointers: BackgroundCheckpointer[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  /** Stop projecting before the store closes, and close the read models cleanly. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await Promise.all(this.checkpointers.map((checkpointer) => checkpointer.stop()));
    this.db.close();
  }
}
