import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI generated from the DTOs and decorators, served at /api/docs (JSON at /api/docs-json). */
export function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('RAG Ledger')
    .setDescription(
      'Improvement plans, their work-streams and actions; every change is an event with who, when and why. ' +
        'Authenticate with a personal API token (POST /api/tokens; Authorization: Bearer rlp_...), with the session cookie ' +
        'of POST /api/session (changes then need the X-CSRF-Token header from GET /api/session), or, in development, with a ' +
        'bearer token (npm run --silent token -- --user <id> --name "<name>" --role <role> [--plans A,B]).',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A personal API token (rlp_...) or a development JWT' })
    .addCookieAuth('rag_ledger_session')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
