import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino } from 'pino';
import type { Options } from 'pino-http';
import { assignCorrelationId } from './correlation-id.js';

type LoggedRequest = IncomingMessage & { route?: { path?: string }; user?: { id?: number } };

/**
 * One line per request: method, route pattern (`/api/v1/audits/:id`, never the URL, whose query
 * string may carry a token), status, duration, user id and correlation id. pino-http's own
 * request and response serialisation (URL, headers, remote address) is never logged.
 */
export function requestLogOptions(level = process.env.LOG_LEVEL ?? 'info'): Options {
  const fields = (req: IncomingMessage, res: ServerResponse, value: object) => {
    const request = req as LoggedRequest;
    return {
      method: request.method,
      route: request.route?.path ?? null,
      status: res.statusCode,
      durationMs: (value as { durationMs?: number }).durationMs,
      userId: request.user?.id ?? null,
    };
  };
  return {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    genReqId: assignCorrelationId,
    // Loggers made for the request carry only the correlation id, not the request object.
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'correlationId', responseTime: 'durationMs' },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (_req, res) => (res.writableEnded ? 'request completed' : 'request aborted'),
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, res, value) => fields(req, res, value),
    // The problem filter logs what went wrong, by correlation id; the request line stays the same shape.
    customErrorObject: (req, res, _error, value) => fields(req, res, value),
    // Should anything log a request or response object anyway, this is all of it that is written.
    serializers: {
      req: (req: { method?: string }) => ({ method: req.method }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
    },
  };
}
