import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI generated from the DTOs and decorators, served at /api/docs (JSON at /api/docs-json). */
export function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('RAG Ledger')
    .setDescription(
      'Improvement plans, their work-streams and actions; every change is an event with who, when and why. ' +
        'Authenticate with a bearer token (npm run --silent token -- --user <id> --name "<name>" --role <role> [--plans A,B]).',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
