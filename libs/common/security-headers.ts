import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { randomBytes } from 'node:crypto';

const DOCS = '/api/docs';

/** Everywhere but the docs: the JSON API and the server-rendered pages, with their own assets only. */
const strict = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      // GOV.UK Frontend's template has one inline script; it carries this response's nonce.
      scriptSrc: ["'self'", (_request, response) => `'nonce-${(response as Response).locals.cspNonce}'`],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
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
    response.locals.cspNonce = randomBytes(16).toString('base64');
    if (!isDocs) response.setHeader('Cache-Control', 'no-store');
    (isDocs ? docs : strict)(request, response, next);
  });
}
