import { freshPostgresDatabase } from './postgres.js';
import { sqliteTestUrl } from './test-app.js';

export type Engine = [name: string, databaseUrl: () => string];

/**
 * The engines a journey runs on: a fresh SQLite file always, and a fresh PostgreSQL database
 * named `case_audit_<name>_test` when a server answers on 127.0.0.1:5432 (with CI=true it must:
 * freshPostgresDatabase throws instead of skipping).
 */
export async function testEngines(name: string): Promise<Engine[]> {
  const postgresUrl = await freshPostgresDatabase(`case_audit_${name.replaceAll('-', '_')}_test`);
  if (!postgresUrl)
    console.warn(`PostgreSQL is not reachable on 127.0.0.1:5432: ${name} runs on SQLite only`);
  return [
    ['SQLite file', () => sqliteTestUrl(name)],
    ...(postgresUrl ? [['PostgreSQL', () => postgresUrl] as Engine] : []),
  ];
}
