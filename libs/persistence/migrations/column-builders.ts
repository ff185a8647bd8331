import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column shapes shared by the migrations, written once so that SQLite and PostgreSQL get the
 * same schema from the same migration. Timestamp types come from the driver, which knows that
 * SQLite calls them `datetime` and PostgreSQL `timestamp`.
 */
export function columns(queryRunner: QueryRunner) {
  const mapped = queryRunner.connection.driver.mappedDataTypes;
  return {
    id: (): TableColumnOptions => ({
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    int: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable: nullable,
    }),
    float: (name: string): TableColumnOptions => ({ name, type: 'float' }),
    varchar: (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    }),
    text: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'text',
      isNullable: nullable,
    }),
    bool: (name: string, fallback: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      default: queryRunner.connection.driver.normalizeDefault({ default: fallback } as never),
    }),
    createdAt: (name = 'created_at'): TableColumnOptions => ({
      name,
      type: String(mapped.createDate),
      default: String(mapped.createDateDefault),
    }),
    updatedAt: (name = 'updated_at'): TableColumnOptions => ({
      name,
      type: String(mapped.updateDate),
      default: String(mapped.updateDateDefault),
    }),
    version: (): TableColumnOptions => ({ name: 'version', type: 'integer' }),
  };
}
