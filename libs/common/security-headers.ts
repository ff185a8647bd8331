import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

const DOCS = '/api/docs';

/** Everywhere but the docs: a JSON API and, later, server-rendered pages with their own assets only. */
const strict = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
});

/** Swagger UI writes inline style and script, which the strict policy blocks: this route alone allows them. */
const docs = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
});

/**
 * Helmet's headers on every response (CSP, nosniff, frame-ancestors 'none', no referrer, no
 * X-Powered-By), and `Cache-Control: no-store` on everything but the docs' static files: API
 * answers hold case data and tokens, which no browser or proxy cache should keep. Call it before
 * anything else registers routes, so it covers them all.
 */
export function applySecurityHeaders(app: INestApplication): void {
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isDocs = request.path === DOCS || request.path.startsWith(`${DOCS}/`);
    if (!isDocs) response.setHeader('Cache-Control', 'no-store');
    (isDocs ? docs : strict)(request, response, next);
  });
}
