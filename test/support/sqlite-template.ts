import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../libs/persistence/database-options.js';
import { migrationsFingerprint } from './migrations-fingerprint.js';
import { sqliteTestUrl } from './test-app.js';

/**
 * Every app a test starts used to migrate its SQLite file from empty. The migrations now run once
 * into a template under .tmp/test, named by their fingerprint (test/global-setup.ts empties the
 * folder each run), and each file gets a copy. The schema is still the migrations':
 * startTestApp runs them again and finds nothing left to do.
 */
const template = () => join(process.cwd(), '.tmp', 'test', `template-${migrationsFingerprint()}.sqlite`);

/**
 * Builds the template if this run has none yet. Two workers may both build one: each writes its
 * own file and renames it into place, so a copy is never taken of a half-built template.
 */
export async function sqliteTemplate(): Promise<void> {
  const file = template();
  if (existsSync(file)) return;
  const own = sqliteTestUrl(`template-${process.pid}`);
  const dataSource = await new DataSource({ ...databaseOptions(own), logging: false }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    // One self-contained file: the WAL folded in, so copying the file alone copies everything.
    await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    await dataSource.query('PRAGMA journal_mode = DELETE');
  } finally {
    await dataSource.destroy();
  }
  renameSync(own.replace(/^sqlite:/, ''), file);
}

/**
 * A fresh SQLite file per test file and Jest worker, as sqliteTestUrl gives, already migrated:
 * a copy of the template. Call `await sqliteTemplate()` once before (testEngines does).
 */
export function migratedSqliteUrl(name: string): string {
  const url = sqliteTestUrl(name);
  copyFileSync(template(), url.replace(/^sqlite:/, ''));
  return url;
}
