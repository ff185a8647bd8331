import pg from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../libs/persistence/database-options.js';
import { migrationsFingerprint } from './migrations-fingerprint.js';

const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The migrated database each test file's PostgreSQL database is copied from. Migrating from
 * empty takes about 3 s a database, for some forty databases a run; copying a template costs no
 * more than creating an empty database. Built by the first file that asks; its comment holds the
 * migrations' fingerprint, and a template of other migrations is built again.
 */
const TEMPLATE = `case_audit_template_test${process.env.TEST_DB_TAG ?? ''}`;
/** pg_advisory_lock's key while a worker builds the template: the others wait, then copy. */
const TEMPLATE_LOCK = 7_064_211;

/**
 * A fresh PostgreSQL database named for tests, or null when no server answers (the PostgreSQL
 * tier then reports itself skipped on a developer's machine without one). Empty, unless
 * `migrated`: then a copy of the template, through every migration. In CI (`CI=true`)
 * PostgreSQL is not optional: no answer is an error, never a silent skip.
 */
export async function freshPostgresDatabase(
  baseName: string,
  options: { migrated?: boolean } = {},
): Promise<string | null> {
  // TEST_DB_TAG keeps two checkouts testing at once on one server out of each other's databases.
  const name = `${baseName}${process.env.TEST_DB_TAG ?? ''}`;
  if (!/^[a-z0-9_]*test[a-z0-9_]*$/.test(name))
    throw new Error(`refusing database name ${name}: it must say test`);
  const client = await adminClient();
  if (!client) return null;
  try {
    const template = options.migrated ? await migratedTemplate(client) : undefined;
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await client.end();
  }
  return databaseUrl(name);
}

async function adminClient(): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    if (process.env.CI === 'true') {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `CI=true but PostgreSQL does not answer at ${redacted(ADMIN_URL)} (${reason}): ` +
          'the PostgreSQL tier may not be skipped in CI; start the server (.ci/run does) or set TEST_POSTGRES_ADMIN_URL',
        { cause: error },
      );
    }
    return null;
  }
}

/**
 * The template's name, built first if no worker has yet for these migrations. It is built under
 * another name and renamed when complete, so a template that exists is whole even if a worker
 * died building it.
 */
async function migratedTemplate(client: pg.Client): Promise<string> {
  const fingerprint = migrationsFingerprint();
  await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const found = await client.query<{ fingerprint: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS fingerprint FROM pg_database WHERE datname = $1`,
      [TEMPLATE],
    );
    if (found.rows[0]?.fingerprint === fingerprint) return TEMPLATE;
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    const building = `${TEMPLATE}_building`;
    await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${building}`);
    const dataSource = await new DataSource({
      ...databaseOptions(databaseUrl(building)),
      logging: false,
    }).initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
    await client.query(`COMMENT ON DATABASE ${building} IS '${fingerprint}'`);
    await client.query(`ALTER DATABASE ${building} RENAME TO ${TEMPLATE}`);
    return TEMPLATE;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The address without a password, for error messages. */
function redacted(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}
