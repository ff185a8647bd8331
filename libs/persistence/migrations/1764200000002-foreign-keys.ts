import { type MigrationInterface, type QueryRunner, TableForeignKey, TableIndex } from 'typeorm';

type OnDelete = 'RESTRICT' | 'CASCADE';

/**
 * Each reference column and what deleting its parent does. The record (cases, cycles, audits,
 * their grades, escalations, who read what) is never deleted, so its references RESTRICT: a
 * delete that would orphan it is refused. Only what belongs to one row and means nothing without
 * it goes with it: a user's sessions and notifications; an audit's grades, compliance answers and
 * moderation. `workflow_transitions.entity_id` and `access_records.entity_id` point at different
 * tables by `entity_type`, so they cannot have a foreign key.
 */
const FOREIGN_KEYS: [table: string, column: string, parent: string, onDelete: OnDelete][] = [
  ['teams', 'locality_id', 'localities', 'RESTRICT'],
  ['teams', 'cohort_code', 'cohorts', 'RESTRICT'],
  ['users', 'team_id', 'teams', 'RESTRICT'],
  ['users', 'locality_id', 'localities', 'RESTRICT'],
  ['sessions', 'user_id', 'users', 'CASCADE'],
  ['cases', 'team_id', 'teams', 'RESTRICT'],
  ['cases', 'cohort_code', 'cohorts', 'RESTRICT'],
  ['cycles', 'audit_tool_id', 'audit_tools', 'RESTRICT'],
  ['audits', 'cycle_id', 'cycles', 'RESTRICT'],
  ['audits', 'case_id', 'cases', 'RESTRICT'],
  ['audits', 'team_id', 'teams', 'RESTRICT'],
  ['audits', 'cohort_code', 'cohorts', 'RESTRICT'],
  ['audits', 'auditor_id', 'users', 'RESTRICT'],
  ['audits', 'moderator_id', 'users', 'RESTRICT'],
  ['audits', 'tool_id', 'audit_tools', 'RESTRICT'],
  ['audit_domain_grades', 'audit_id', 'audits', 'CASCADE'],
  ['audit_compliance', 'audit_id', 'audits', 'CASCADE'],
  ['moderations', 'audit_id', 'audits', 'CASCADE'],
  ['moderations', 'moderator_id', 'users', 'RESTRICT'],
  ['escalations', 'audit_id', 'audits', 'RESTRICT'],
  ['escalations', 'locality_id', 'localities', 'RESTRICT'],
  ['escalations', 'raised_by', 'users', 'RESTRICT'],
  ['escalations', 'acknowledged_by', 'users', 'RESTRICT'],
  ['notifications', 'recipient_id', 'users', 'CASCADE'],
  ['access_records', 'user_id', 'users', 'RESTRICT'],
  ['workflow_transitions', 'actor_id', 'users', 'RESTRICT'],
];

/** For the next issues' queries: a moderator's queue, audits by completion and by cycle and state. */
const INDEXES: [table: string, columns: string[]][] = [
  ['moderations', ['moderator_id', 'moderated_at']],
  ['audits', ['completed_at']],
  ['audits', ['cycle_id', 'state']],
  ['sessions', ['user_id']],
  ['access_records', ['user_id']],
];

const referenced = (parent: string) => (parent === 'cohorts' ? 'code' : 'id');

/**
 * Foreign keys between the tables, and indexes. SQLite adds a foreign key by rebuilding the
 * table (TypeORM copies the rows and recreates the indexes, with foreign_keys off while
 * migrating), so it checks the existing rows itself afterwards; PostgreSQL checks them as it
 * adds each constraint. Either way a database holding orphans stops here, naming them.
 */
export class ForeignKeys1764200000002 implements MigrationInterface {
  name = 'ForeignKeys1764200000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, keys] of group(FOREIGN_KEYS)) {
      await queryRunner.createForeignKeys(
        table,
        keys.map(
          ([, column, parent, onDelete]) =>
            new TableForeignKey({
              columnNames: [column],
              referencedTableName: parent,
              referencedColumnNames: [referenced(parent)],
              onDelete,
            }),
        ),
      );
    }
    for (const [table, columns] of INDEXES) {
      await queryRunner.createIndex(table, new TableIndex({ columnNames: columns }));
    }
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      const orphans: { table: string; parent: string }[] =
        await queryRunner.query('PRAGMA foreign_key_check');
      if (orphans.length) {
        const where = [...new Set(orphans.map((o) => `${o.table} → ${o.parent}`))].join(', ');
        throw new Error(`${orphans.length} rows refer to rows that do not exist (${where})`);
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, columns] of [...INDEXES].reverse()) {
      await queryRunner.dropIndex(table, new TableIndex({ columnNames: columns }));
    }
    for (const [table] of [...group(FOREIGN_KEYS)].reverse()) {
      const current = (await queryRunner.getTable(table))!;
      await queryRunner.dropForeignKeys(current, current.foreignKeys);
    }
  }
}

function group<T extends [string, ...unknown[]]>(rows: T[]): Map<string, T[]> {
  const tables = new Map<string, T[]>();
  for (const row of rows) tables.set(row[0], [...(tables.get(row[0]) ?? []), row]);
  return tables;
}
