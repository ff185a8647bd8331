import { freshPostgresDatabase } from './postgres.js';
import { migratedSqliteUrl, sqliteTemplate } from './sqlite-template.js';
import { sqliteTestUrl } from './test-app.js';

export type Engine = [name: string, databaseUrl: () => string];

/**
 * The engines a journey runs on: a fresh SQLite file always, and a fresh PostgreSQL database
 * named `case_audit_<name>_test` when a server answers on 127.0.0.1:5432 (with CI=true it must:
 * freshPostgresDatabase throws instead of skipping). Both come migrated, copied from the run's
 * templates; `{ migrated: false }` gives empty ones, for a test that migrates part of the way.
 */
export async function testEngines(name: string, options: { migrated?: boolean } = {}): Promise<Engine[]> {
  const migrated = options.migrated ?? true;
  const postgresUrl = await freshPostgresDatabase(`case_audit_${name.replaceAll('-', '_')}_test`, {
    migrated,
  });
  if (!postgresUrl)
    console.warn(`PostgreSQL is not reachable on 127.0.0.1:5432: ${name} runs on SQLite only`);
  if (migrated) await sqliteTemplate();
  return [
    ['SQLite file', () => (migrated ? migratedSqliteUrl(name) : sqliteTestUrl(name))],
    ...(postgresUrl ? [['PostgreSQL', () => postgresUrl] as Engine] : []),
  ];
}
