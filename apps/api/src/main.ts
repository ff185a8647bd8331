import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { warmParserThread } from '../../../libs/cases/index.js';
import { deliveryIntervalMs, OutboxDeliveryTimer } from '../../../libs/notifications/index.js';
import { AppModule } from './app.module.js';
import { configureApp } from './configure-app.js';
import { listenAddress } from './listen-address.js';

async function bootstrap(): Promise<void> {
  const { host, port } = listenAddress();
  // Buffered until configureApp hands Nest the pino logger, so start-up lines are JSON too.
  const app = configureApp(await NestFactory.create(AppModule, { bufferLogs: true }));
  await app.listen(port, host);
  warmParserThread();
  // Retries and anything queued without a delivery after it go out on this timer (not in tests).
  app.get(OutboxDeliveryTimer).start(deliveryIntervalMs());
  new Logger('Bootstrap').log(`case-audit listening on http://${host}:${port} (OpenAPI at /api/docs)`);
}

void bootstrap();
