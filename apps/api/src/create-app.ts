import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { csvBody, jsonBody } from './common/body-parsers';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module';
import type { AppConfig } from './config/app-config';
import { setUpOpenApi } from './openapi';

/** Builds the HTTP application; shared by main.ts and the e2e tests. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  // Plan files are large; every other body is small. A body over its limit is refused with 413.
  app.use('/api/import', jsonBody('20mb'), csvBody('20mb'));
  app.use(jsonBody('256kb'));
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
      // Unknown properties and wrong types are the caller's mistake: 400 with a message per field.
      validationError: { target: false, value: false },
    }),
  );
  setUpOpenApi(app);
  return app;
}
