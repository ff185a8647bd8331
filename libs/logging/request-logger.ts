import type { INestApplication } from '@nestjs/common';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { processLogDestination } from './log-destination.js';
import { requestLogOptions } from './request-log.js';

let requestLogger: HttpLogger | undefined;

/**
 * Mounts the request log ahead of everything Nest registers at init (the body parser first), so
 * a request refused before routing, e.g. for a body that does not parse, still gets its line and
 * its correlation id. One instance per process, writing where the latest app's destination says.
 */
export function applyRequestLogging(app: INestApplication): void {
  requestLogger ??= pinoHttp(requestLogOptions(), processLogDestination);
  app.use(requestLogger);
}
