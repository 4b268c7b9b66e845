import { randomUUID } from 'node:crypto';
import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { Upcaster } from '@rag-ledger/event-store';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { EventStoreModule } from './infrastructure/event-store.module';
import { ProjectionsModule, type ProjectionsOptions } from './infrastructure/projections.module';
import { AuthModule } from './auth/auth.module';
import { CLOCK, systemClock, type Clock } from './common/clock';
import { DomainErrorFilter } from './common/domain-error.filter';
import { ReadYourWritesInterceptor } from './common/read-your-writes.interceptor';
import { StreamCommandExecutor } from './common/stream-command-executor';
import { StreamStateCache } from './common/stream-state-cache';
import { HealthController } from './health/health.controller';
import { PlansController } from './plans/plans.controller';
import { CreatePlanHandler } from './plans/commands/create-plan.command';
import { AddWorkstreamHandler } from './plans/commands/add-workstream.command';
import { ListPlansHandler } from './plans/queries/list-plans.query';
import { GetPlanHandler } from './plans/queries/get-plan.query';
import { ActionsController } from './actions/actions.controller';
import { AddActionHandler } from './actions/commands/add-action.command';
import { ChangeActionHandler } from './actions/commands/change-action.command';
import { GetActionHandler } from './actions/queries/get-action.query';
import { GetActionHistoryHandler } from './actions/queries/get-action-history.query';
import { BoardsController } from './boards/boards.controller';
import { GetImprovementBoardHandler } from './boards/queries/get-improvement-board.query';
import { GetPlanBoardHandler } from './boards/queries/get-plan-board.query';
import { GetExceptionsHandler } from './boards/queries/get-exceptions.query';
import { AuditController } from './audit/audit.controller';
import { ImportController } from './import/import.controller';
import { ImportPlansHandler } from './import/commands/import-plans.command';
import { StoreErrorFilter } from './common/store-error.filter';
import { ChangesController } from './changes/changes.controller';
import { GetChangesHandler } from './changes/queries/get-changes.query';
import { EvidenceController } from './evidence/evidence.controller';
import { GetEvidencePackHandler } from './evidence/queries/get-evidence-pack.query';
import { VerifyChainHandler } from './audit/queries/verify-chain.query';
import { MeasuresController } from './measures/measures.controller';
import { DefineMeasureHandler } from './measures/commands/define-measure.command';
import { ChangeMeasureHandler } from './measures/commands/change-measure.command';
import { GetMeasureHandler, GetMeasureHistoryHandler, GetPlanMeasuresHandler } from './measures/queries/measure.queries';
import { GetAuditTrailHandler } from './audit/queries/get-audit-trail.query';
import { EventsModule } from './events/events.module';

const REQUEST_ID = /^[\w.:-]{1,100}$/;

export interface AppOptions {
  /** Tests record changes at controlled times. */
  clock?: Clock;
  /** Tests run a projection that fails beside the real ones. */
  projections?: ProjectionsOptions['projections'];
  /** Tests make up a change of an event's shape: upcasters besides the tracker's own. */
  upcasters?: readonly Upcaster[];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            // The request id is also the correlation id of every event the request writes.
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            // A line per request says who asked what and how it ended; headers (the bearer token
            // among them) are left out: they would add a copy and a redaction to every request.
            serializers: {
              req: (req: { id: unknown; method: string; url: string; remoteAddress?: string; headers: Record<string, unknown> }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
                remoteAddress: req.remoteAddress,
                userAgent: req.headers['user-agent'],
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        CqrsModule.forRoot(),
        EventStoreModule.forRoot({ upcasters: options.upcasters }),
        EventsModule,
        ProjectionsModule.forRoot({ projections: options.projections }),
        AuthModule,
      ],
      controllers: [HealthController, PlansController, ActionsController, BoardsController, AuditController, ImportController, ChangesController, EvidenceController, MeasuresController],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_FILTER, useClass: StoreErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
        StreamCommandExecutor,
        StreamStateCache,
        CreatePlanHandler,
        AddWorkstreamHandler,
        AddActionHandler,
        ChangeActionHandler,
        ListPlansHandler,
        GetPlanHandler,
        GetPlanBoardHandler,
        GetImprovementBoardHandler,
        GetExceptionsHandler,
        GetActionHandler,
        GetActionHistoryHandler,
        GetAuditTrailHandler,
        ImportPlansHandler,
        GetChangesHandler,
        GetEvidencePackHandler,
        VerifyChainHandler,
        DefineMeasureHandler,
        ChangeMeasureHandler,
        GetMeasureHandler,
        GetPlanMeasuresHandler,
        GetMeasureHistoryHandler,
      ],
    };
  }
}
