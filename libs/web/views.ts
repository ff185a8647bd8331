import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import nunjucks from 'nunjucks';
import { join } from 'node:path';
import { GOVUK_DIST, MOJ_ROOT, PROJECT_ROOT, VIEWS_ROOT } from './project-paths.js';
import { navigationFor } from './navigation.js';
import { VIEW_FILTERS } from './view-filters.js';

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * The stylesheets and scripts pages load, by public name. Named files, not folders, so that
 * nothing else in node_modules is served. The version in the address lets them be cached long.
 */
const STATIC_FILES: Record<string, string> = {
  'govuk-frontend.min.css': join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.css'),
  'govuk-frontend.min.js': join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.js'),
  'moj-frontend.min.css': join(MOJ_ROOT, 'moj', 'moj-frontend.min.css'),
  'moj-frontend.min.js': join(MOJ_ROOT, 'moj', 'moj-frontend.min.js'),
  'app.css': join(PROJECT_ROOT, 'libs', 'web', 'public', 'app.css'),
  'app.js': join(PROJECT_ROOT, 'libs', 'web', 'public', 'app.js'),
  'register-progress.js': join(PROJECT_ROOT, 'libs', 'web', 'public', 'register-progress.js'),
};

export const ASSET_VERSION = '1';

/**
 * Nunjucks (autoescape always on) over the feature folders, GOV.UK Frontend and MOJ Frontend,
 * and the static files, served before any route with long cache headers. Call before routes.
 */
export function configureViews(app: NestExpressApplication): void {
  const expressApp = app.getHttpAdapter().getInstance() as express.Express;
  const env = nunjucks.configure([VIEWS_ROOT, GOVUK_DIST, MOJ_ROOT], {
    autoescape: true,
    express: expressApp,
    throwOnUndefined: false,
    noCache: false,
  });
  for (const [name, filter] of Object.entries(VIEW_FILTERS)) env.addFilter(name, filter);
  env.addGlobal('navigationFor', navigationFor);
  env.addGlobal('assetVersion', ASSET_VERSION);
  env.addGlobal('serviceName', 'Monthly case audit');
  app.setViewEngine('njk');

  // The security middleware set no-store on everything first; fonts and images may be kept.
  const longCache = (response: Response) =>
    response.setHeader('Cache-Control', `public, max-age=${YEAR_SECONDS}, immutable`);
  const staticOptions = { index: false, fallthrough: true, setHeaders: longCache };
  app.use('/assets', express.static(join(GOVUK_DIST, 'govuk', 'assets'), staticOptions));
  app.use('/assets/moj', express.static(join(MOJ_ROOT, 'moj', 'assets'), staticOptions));
  // MOJ Frontend's stylesheet names its images under /assets/images (the filter tags' cross).
  app.use('/assets', express.static(join(MOJ_ROOT, 'moj', 'assets'), staticOptions));
  app.use(`/static/${ASSET_VERSION}/:name`, (request: Request, response: Response, next: NextFunction) => {
    const file = STATIC_FILES[String(request.params.name)];
    if (!file) return next();
    longCache(response);
    response.sendFile(file);
  });
  // Every view knows the path it answers, for the navigation's current item.
  app.use((request: Request, response: Response, next: NextFunction) => {
    response.locals.currentPath = request.path;
    next();
  });
}
