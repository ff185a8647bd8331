import 'reflect-metadata';
import { DataSource } from 'typeorm';
// The app module registers every feature's entities for the schema comparison below.
import '../apps/api/src/app.module.js';
import { registeredEntities, standaloneDatabaseOptions } from '../libs/persistence/index.js';
import { MIGRATIONS } from '../libs/persistence/migrations/index.js';
import { freshPostgresDatabase } from './support/postgres.js';
import { assertTestDatabase, sqliteTestUrl } from './support/test-app.js';

/**
 * The migrations are the schema: after running them, TypeORM must find nothing to change
 * between the entities and the database, on SQLite and on PostgreSQL alike; and down undoes up.
 */
async function checkMigrations(url: string): Promise<void> {
  assertTestDatabase(url);
  expect(registeredEntities().length).toBeGreaterThanOrEqual(17);
  const dataSource = await new DataSource(standaloneDatabaseOptions(url)).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(MIGRATIONS.length);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    const [{ n }] = await dataSource.query('SELECT COUNT(*) AS n FROM cohorts');
    expect(Number(n)).toBe(4);
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.createQueryRunner().getTables(['cases', 'cycles', 'audits']);
    expect(tables).toEqual([]);
  } finally {
    await dataSource.destroy();
  }
}

describe('migrations', () => {
  it('build exactly the entities’ schema on SQLite, and roll back', async () => {
    await checkMigrations(sqliteTestUrl('migrations'));
  });

  it('build exactly the entities’ schema on PostgreSQL, and roll back', async () => {
    const url = await freshPostgresDatabase('case_audit_migrations_test');
    if (!url) {
      console.warn(
        'PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL migration check did not run',
      );
      return;
    }
    await checkMigrations(url);
  });
});
