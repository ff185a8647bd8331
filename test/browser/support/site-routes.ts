import type { INestApplication } from '@nestjs/common';
import type { Db } from '../../../libs/persistence/db.service.js';

/** A path the app answers GET on, as Nest registered it (`/audits/:id/grading`). */
export type RoutePattern = string;

/**
 * Not pages: the JSON API and its documents, health checks, static files, signing out, the
 * catch-all that answers "not found", the register import's progress (JSON for its script),
 * files to download, and the link that opens a notification (it only redirects).
 */
const NOT_PAGES = [
  /^\/api(\/|$)/,
  /^\/health(\/|$)/,
  /^\/static\//,
  /^\/assets\//,
  /^\/logout$/,
  /\*/,
  /\/status$/,
  // Downloads (a tool's JSON, the register's template CSV): files, each tested where it is offered.
  /\.(json|csv)$/,
  // Opening a notification marks it read and redirects to its thing (test/notification-delivery).
  /^\/notifications\/:id$/,
];

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * Every GET route of the running app, read from its Express router, so a page added tomorrow is
 * walked without anyone listing it here. Routes that are not pages are left out by pattern.
 */
export function pageRoutes(app: INestApplication): RoutePattern[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: ExpressLayer[] } };
  const stack = express.router?.stack ?? [];
  const paths = stack.flatMap((layer) =>
    layer.route?.methods.get ? [layer.route.path].flat().filter((p) => typeof p === 'string') : [],
  );
  return [...new Set(paths)].filter((path) => !NOT_PAGES.some((pattern) => pattern.test(path))).sort();
}

/** Ids to put in a route's parameters, by the word before the parameter (`audits/:id` → audits). */
export type IdsByCollection = Record<string, string[]>;

/**
 * The real ids a walk can use: one audit in each state (and each walking auditor's own), and
 * every cycle, escalation, tool, team, locality, import and user the fixtures made, and one
 * action in each state.
 */
export async function realIds(db: Db, usernames: string[]): Promise<IdsByCollection> {
  const q = async (sql: string, params: unknown[] = []) =>
    ((await db.dataSource.query(sql, params)) as { id: number | string }[]).map((r) => String(r.id));
  const audits = await q(
    `SELECT MIN(a.id) AS id FROM audits a LEFT JOIN users u ON u.id = a.auditor_id
     GROUP BY a.state, CASE WHEN u.username IN (${usernames.map(() => '?').join(', ')}) THEN u.username END
     ORDER BY MIN(a.id)`,
    usernames,
  );
  const users = await q(
    `SELECT MIN(id) AS id FROM users WHERE username IN (${usernames.map(() => '?').join(', ')}) GROUP BY role`,
    usernames,
  );
  return {
    audits,
    moderation: audits,
    cycles: await q('SELECT id FROM cycles ORDER BY id'),
    escalations: await q('SELECT id FROM escalations ORDER BY id'),
    'audit-tools': await q('SELECT id FROM audit_tools ORDER BY id'),
    teams: (await q('SELECT id FROM teams ORDER BY id')).slice(0, 3),
    localities: (await q('SELECT id FROM localities ORDER BY id')).slice(0, 2),
    imports: await q('SELECT id FROM import_runs ORDER BY id'),
    // Opening a notification reads it and redirects to its thing: walked as no page of its own.
    notifications: (await q('SELECT id FROM notifications ORDER BY id')).slice(0, 1),
    plan: (await q('SELECT id FROM plan_items ORDER BY id')).slice(0, 2),
    // One action in each state: the page differs by state (its forms, its tags), not by action.
    actions: await q('SELECT MIN(id) AS id FROM actions GROUP BY state ORDER BY MIN(id)'),
    users,
  };
}

/**
 * Every address a route pattern stands for with the real ids (the first `limit` of them, as a
 * product over its parameters). A parameter after a word the walk has no ids for is an error,
 * naming the route, so a new kind of page is never skipped in silence.
 */
export function addressesFor(route: RoutePattern, ids: IdsByCollection, limit = 40): string[] {
  const segments = route.split('/');
  let addresses = [''];
  for (const [i, segment] of segments.entries()) {
    if (i === 0) continue;
    if (!segment.startsWith(':')) {
      addresses = addresses.map((a) => `${a}/${segment}`);
      continue;
    }
    const collection = segments[i - 1];
    const values = ids[collection];
    if (!values)
      throw new Error(`the site walk has no ids for ${segment} in ${route}: add "${collection}" to realIds`);
    addresses = addresses.flatMap((a) => values.map((v) => `${a}/${v}`)).slice(0, limit);
  }
  return addresses.length ? addresses : ['/'];
}
