import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import {
  applySecurityHeaders,
  applyTrustProxy,
  createValidationPipe,
  installRequestGuards,
  ProblemDetailsFilter,
} from '../../../libs/common/index.js';
import { applyRequestLogging } from '../../../libs/logging/index.js';
import { configureViews, isPageRequest, renderPageError } from '../../../libs/web/index.js';

/** Everything main.ts and the e2e tests share: the app under test is the app that ships. */
export function configureApp(app: INestApplication): INestApplication {
  // First, so the request log and the headers cover every request, refused by the guards or not.
  applyRequestLogging(app);
  applySecurityHeaders(app);
  applyTrustProxy(app);
  app.useLogger(app.get(Logger));
  // Static files and views before the guards: stylesheets need no session.
  configureViews(app as NestExpressApplication);
  installRequestGuards(app);
  app.use(cookieParser());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter({ isPage: isPageRequest, render: renderPageError }));
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
