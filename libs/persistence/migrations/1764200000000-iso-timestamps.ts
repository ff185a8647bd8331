import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Every row timestamp becomes ISO 8601 UTC text, `YYYY-MM-DDTHH:mm:ss.sssZ`, the form the
 * started/submitted/completed columns already had. Before, TypeORM's create/update date columns
 * held SQLite's `YYYY-MM-DD HH:MM:SS` text and PostgreSQL `timestamp`s, which sort and group by
 * month differently. The application writes them from the Clock; there is no database default.
 */
const STAMPS: [table: string, column: string][] = [
  ['users', 'created_at'],
  ['sessions', 'created_at'],
  ['cases', 'updated_at'],
  ['import_runs', 'created_at'],
  ['cycles', 'created_at'],
  ['cycles', 'updated_at'],
  ['audits', 'created_at'],
  ['audits', 'updated_at'],
  ['workflow_transitions', 'at'],
  ['audit_tools', 'created_at'],
  ['notifications', 'created_at'],
  ['access_records', 'at'],
];

const ISO_TEXT = { type: 'varchar', length: '30', isNullable: false } as const;

export class IsoTimestamps1764200000000 implements MigrationInterface {
  name = 'IsoTimestamps1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      for (const [table, column] of STAMPS) {
        // A `timestamp` holds the server's local time (TypeORM's now() default): read it as such.
        await queryRunner.query(
          `ALTER TABLE ${table} ALTER COLUMN ${column} DROP DEFAULT, ALTER COLUMN ${column} TYPE varchar(30)
           USING to_char((${column} AT TIME ZONE current_setting('TimeZone')) AT TIME ZONE 'UTC',
             'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
        );
      }
      return;
    }
    // SQLite changes a column's type by rebuilding the table, keeping its rows and indexes.
    for (const [table, columns] of byTable()) {
      await changeSqliteColumns(queryRunner, table, columns, ISO_TEXT);
      for (const column of columns) {
        // datetime('now') wrote UTC: only the form changes.
        await queryRunner.query(`UPDATE ${table} SET ${column} = strftime('%Y-%m-%dT%H:%M:%fZ', ${column})`);
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const mapped = queryRunner.connection.driver.mappedDataTypes;
    if (queryRunner.connection.options.type === 'postgres') {
      for (const [table, column] of STAMPS) {
        await queryRunner.query(
          `ALTER TABLE ${table} ALTER COLUMN ${column} TYPE timestamp
             USING (${column}::timestamptz AT TIME ZONE current_setting('TimeZone')),
           ALTER COLUMN ${column} SET DEFAULT ${String(mapped.createDateDefault)}`,
        );
      }
      return;
    }
    for (const [table, columns] of byTable()) {
      for (const column of columns) {
        await queryRunner.query(`UPDATE ${table} SET ${column} = strftime('%Y-%m-%d %H:%M:%S', ${column})`);
      }
      await changeSqliteColumns(queryRunner, table, columns, {
        type: String(mapped.createDate),
        default: String(mapped.createDateDefault),
        isNullable: false,
      });
    }
  }
}

function byTable(): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const [table, column] of STAMPS) tables.set(table, [...(tables.get(table) ?? []), column]);
  return tables;
}

async function changeSqliteColumns(
  queryRunner: QueryRunner,
  table: string,
  columns: string[],
  shape: Partial<TableColumn>,
): Promise<void> {
  const current = (await queryRunner.getTable(table))!;
  await queryRunner.changeColumns(
    current,
    columns.map((name) => {
      const oldColumn = current.findColumnByName(name)!;
      const newColumn = new TableColumn({ name, type: 'varchar' });
      Object.assign(newColumn, { ...shape, default: shape.default });
      return { oldColumn, newColumn };
    }),
  );
}
