import pg from 'pg';

const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh, empty PostgreSQL database named for tests, or null when no server answers (the
 * PostgreSQL tier then reports itself skipped on a developer's machine without one). In CI
 * (`CI=true`) PostgreSQL is not optional: no answer is an error, never a silent skip.
 */
export async function freshPostgresDatabase(baseName: string): Promise<string | null> {
  // TEST_DB_TAG keeps two checkouts testing at once on one server out of each other's databases.
  const name = `${baseName}${process.env.TEST_DB_TAG ?? ''}`;
  if (!/^[a-z0-9_]*test[a-z0-9_]*$/.test(name))
    throw new Error(`refusing database name ${name}: it must say test`);
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
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
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
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
