import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type RequestHandler, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { SCHOOL_OFFICERS } from '@rag-ledger/contract';
import { PersonalTokens, Sessions } from '@rag-ledger/identity';
import { Directory } from './accounts/directory';
import { AppModule, type AppOptions } from './app.module';
import { adminRequestCheck, roleRequestCheck } from './auth/admin-token';
import { JWT_SECRET } from './auth/auth.constants';
import { isApiPath } from './common/api-path';
import { csvBody, jsonBody, PEOPLE_IMPORT_PATH, peopleListBody, refuseUnreadableBodies, SCHOOL_IMPORT_PATHS } from './common/body-parsers';
import { HardenedExpressAdapter, httpTimeouts } from './common/http-adapter';
import type { AppConfig } from './config/app-config';
import { setUpOpenApi } from './openapi';

/** Builds the HTTP application; shared by main.ts and the e2e tests. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<INestApplication> {
  // Case-sensitive routes and the server's time-outs: see HardenedExpressAdapter.
  const adapter = new HardenedExpressAdapter(httpTimeouts(config.requestTimeoutSeconds));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), adapter, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  // Behind a reverse proxy, the client's address (which the failed-auth limit counts by) comes from X-Forwarded-For.
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders());
  app.use(noStoreForApi());
  serveWebBoard(app);
  // Plan files are large; every other body is small. A body over its limit is refused with 413.
  // Only an admin's import may be read up to 20 MB; anyone else gets the ordinary limit, then the guard's answer.
  app.use(refuseUnreadableBodies());
  const isAdmin = adminRequestCheck(app.get<string>(JWT_SECRET), { sessions: app.get(Sessions), personalTokens: app.get(PersonalTokens), directory: app.get(Directory) });
  const importJson = jsonBody('20mb');
  const importCsv = csvBody('20mb');
  app.use('/api/import', (req: Request, res: Response, next: NextFunction) => {
    isAdmin(req).then(
      (admin) => (admin ? importJson(req, res, (error?: unknown) => (error ? next(error) : importCsv(req, res, next))) : next()),
      next,
    );
  });
  // A list of people (CSV or a glossary) is read for admins only too, up to 2 MB.
  const peopleList = peopleListBody('2mb');
  app.use(PEOPLE_IMPORT_PATH, (req: Request, res: Response, next: NextFunction) => {
    isAdmin(req).then((admin) => (admin ? peopleList(req, res, next) : next()), next);
  });
  // The schools register's imports (a council's extract of the national list is some hundreds of rows): officers and admins, up to 10 MB.
  const isSchoolOfficer = roleRequestCheck(app.get<string>(JWT_SECRET), { sessions: app.get(Sessions), personalTokens: app.get(PersonalTokens), directory: app.get(Directory) }, SCHOOL_OFFICERS);
  const schoolCsv = csvBody('10mb');
  for (const path of SCHOOL_IMPORT_PATHS) {
    app.use(path, (req: Request, res: Response, next: NextFunction) => {
      isSchoolOfficer(req).then((officer) => (officer ? schoolCsv(req, res, next) : next()), next);
    });
  }
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

/**
 * The web board (apps/web, built into dist/web) at `/`, with index.html for `/`.
 * Registered after the /api prefix and the security headers (so its files get the
 * same CSP); it answers only for files it has, and anything else falls through to the
 * routes; /api is never looked for on disk. Found next to the compiled app (dist/apps/api/src -> dist/web) or,
 * when the app runs from source (tests), in dist/web under the repository.
 */
function serveWebBoard(app: NestExpressApplication): void {
  const root = [join(__dirname, '../../../web'), join(__dirname, '../../../dist/web')].find((dir) => existsSync(join(dir, 'index.html')));
  if (!root) return;
  const files = express.static(root, { index: 'index.html', redirect: false, fallthrough: true, dotfiles: 'ignore', maxAge: 0 });
  // API requests skip it: looking for a file first would cost every one of them a stat() call.
  app.use((req: Request, res: Response, next: NextFunction) => (isApiPath(req.path) ? next() : files(req, res, next)));
}

/**
 * Every API answer is `Cache-Control: no-store`: boards, packs, charts and CSV carry a
 * council's confidential data, and a shared browser or proxy must not keep a copy after
 * the person signs out. Set before the routes, so errors carry it too. The live stream
 * replaces it with its own Cache-Control, which includes no-store.
 */
function noStoreForApi(): RequestHandler {
  return (req, res, next) => {
    if (isApiPath(req.path)) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/**
 * Helmet's security headers on every answer. The content security policy allows
 * only this origin: the web UI is served from here with its own script and style
 * files, never inline ones. The OpenAPI page alone keeps Swagger UI's inline styles.
 */
function securityHeaders(): RequestHandler {
  const directives = {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    // blob: for the measure charts, fetched with the token and shown as images.
    imgSrc: ["'self'", 'data:', 'blob:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    // The tracker is often served over plain http inside a council's network.
    upgradeInsecureRequests: null,
  };
  const strict = helmet({ contentSecurityPolicy: { useDefaults: false, directives }, xFrameOptions: { action: 'deny' } });
  const docs = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...directives, styleSrc: ["'self'", "'unsafe-inline'"] } },
    xFrameOptions: { action: 'deny' },
  });
  return (req, res, next) => (req.path === '/api/docs' || req.path.startsWith('/api/docs/') ? docs : strict)(req, res, next);
}
