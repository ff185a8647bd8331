import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { warmParserThread } from '../../../libs/cases/index.js';
import { AppModule } from './app.module.js';
import { configureApp } from './configure-app.js';
import { listenAddress } from './listen-address.js';

async function bootstrap(): Promise<void> {
  const { host, port } = listenAddress();
  // Buffered until configureApp hands Nest the pino logger, so start-up lines are JSON too.
  const app = configureApp(await NestFactory.create(AppModule, { bufferLogs: true }));
  await app.listen(port, host);
  warmParserThread();
  new Logger('Bootstrap').log(`case-audit listening on http://${host}:${port} (OpenAPI at /api/docs)`);
}

void bootstrap();
