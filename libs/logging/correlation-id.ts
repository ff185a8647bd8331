import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The server makes each request's correlation id. A client's `x-correlation-id` is kept only if
 * it is a UUID: anything else could forge log lines or smuggle text into them. The id goes back
 * in the response header, and the problem filter quotes the same one.
 */
export function assignCorrelationId(request: IncomingMessage, response: ServerResponse): string {
  const offered = request.headers['x-correlation-id'];
  const id = typeof offered === 'string' && UUID.test(offered) ? offered.toLowerCase() : randomUUID();
  response.setHeader('x-correlation-id', id);
  return id;
}
