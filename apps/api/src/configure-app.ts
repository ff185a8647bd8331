import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { applyTrustProxy } from '../../../libs/common/client-address.js';
import { ProblemDetailsFilter } from '../../../libs/common/problem-details.filter.js';
import { installRequestGuards } from '../../../libs/common/request-guards.js';
import { applySecurityHeaders } from '../../../libs/common/security-headers.js';
import { createValidationPipe } from '../../../libs/common/validation.pipe.js';
import { applyRequestLogging } from '../../../libs/logging/index.js';

/** Everything main.ts and the e2e tests share: the app under test is the app that ships. */
export function configureApp(app: INestApplication): INestApplication {
  // First, so the request log and the headers cover every request, refused by the guards or not.
  applyRequestLogging(app);
  applySecurityHeaders(app);
  applyTrustProxy(app);
  app.useLogger(app.get(Logger));
  installRequestGuards(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const config = new DocumentBuilder()
    .setTitle('case-audit')
    .setDescription(
      'The monthly case audit in children’s social care: the case register, the monthly sample and its allocation. ' +
        'Errors are application/problem+json.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
  return app;
}
