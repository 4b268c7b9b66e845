import { randomUUID } from 'node:crypto';
import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { Upcaster } from '@rag-ledger/event-store';
import { AccountsModule } from './accounts/accounts.module';
import { IdentityModule } from './accounts/identity.module';
import { redactSecretsInUrl } from './accounts/redact-url';
import { ActionsModule } from './actions/actions.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BoardsModule } from './boards/boards.module';
import { ChangesModule } from './changes/changes.module';
import type { Clock } from './common/clock';
import { DomainErrorFilter } from './common/domain-error.filter';
import { loggableUrl } from './common/loggable-url';
import { ReadYourWritesInterceptor } from './common/read-your-writes.interceptor';
import { StoreErrorFilter } from './common/store-error.filter';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DemoModule } from './demo/demo.module';
import { EventsModule } from './events/events.module';
import { EvidenceModule } from './evidence/evidence.module';
import { EvidenceDocumentsModule } from './evidence-documents/evidence-documents.module';
import { HealthModule } from './health/health.module';
import { ImportModule } from './import/import.module';
import { ClockModule } from './infrastructure/clock.module';
import { DocumentStoreModule } from './infrastructure/document-store.module';
import { EventStoreModule } from './infrastructure/event-store.module';
import { ProjectionsModule, type ProjectionsOptions } from './infrastructure/projections.module';
import { WritePathModule } from './infrastructure/write-path.module';
import { MeasuresModule } from './measures/measures.module';
import { MeetingsModule } from './meetings/meetings.module';
import { MeetingPacksModule } from './meetings/pack/meeting-packs.module';
import { MilestonesModule } from './milestones/milestones.module';
import { OidcModule } from './oidc/oidc.module';
import { PeopleModule } from './people/people.module';
import { PlansModule } from './plans/plans.module';
import { RemindersModule } from './reminders/reminders.module';
import { SchoolWritesModule } from './schools/school-writes.module';
import { SchoolsRegisterModule } from './schools-register/schools-register.module';
import { SealsModule } from './seals/seals.module';
import { TrendsModule } from './trends/trends.module';

const REQUEST_ID = /^[\w.:-]{1,100}$/;

export interface AppOptions {
  /** Tests record changes at controlled times. */
  clock?: Clock;
  /** Tests run a projection that fails beside the real ones. */
  projections?: ProjectionsOptions['projections'];
  /** Tests make up a change of an event's shape: upcasters besides the tracker's own. */
  upcasters?: readonly Upcaster[];
  /** `npm run demo`: every event written is marked `demo: true` in its metadata (invented history). */
  demo?: boolean;
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
            // A line per request says who asked what and how it ended; headers (the bearer token and
            // the session cookie among them) are left out: they would add a copy and a redaction to
            // every request. A set-up link's token is taken out of the URL.
            serializers: {
              req: (req: { id: unknown; method: string; url: string; remoteAddress?: string; headers: Record<string, unknown> }) => ({
                id: req.id,
                method: req.method,
                // Neither a set-up link's token nor single sign-on's code goes into the log.
                url: loggableUrl(redactSecretsInUrl(req.url)),
                remoteAddress: req.remoteAddress,
                userAgent: req.headers['user-agent'],
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        CqrsModule.forRoot(),
        ClockModule.forRoot(options.clock),
        EventStoreModule.forRoot({ upcasters: options.upcasters }),
        DocumentStoreModule,
        WritePathModule.forRoot(options.demo ? { demo: true } : {}),
        EventsModule,
        ProjectionsModule.forRoot({ projections: options.projections }),
        IdentityModule,
        AuthModule,
        // The features, each a folder with its module: controller, command and query handlers.
        HealthModule,
        PlansModule,
        ActionsModule,
        BoardsModule,
        AuditModule,
        SealsModule,
        ImportModule,
        ChangesModule,
        EvidenceModule,
        EvidenceDocumentsModule,
        MeasuresModule,
        MilestonesModule,
        OidcModule,
        AccountsModule,
        PeopleModule,
        SchoolWritesModule,
        DemoModule,
        MeetingsModule,
        MeetingPacksModule,
        TrendsModule,
        RemindersModule,
        // Last: its GET schools/:urn would otherwise take another module's fixed GET schools/<word>.
        SchoolsRegisterModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_FILTER, useClass: StoreErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
      ],
    };
  }
}
