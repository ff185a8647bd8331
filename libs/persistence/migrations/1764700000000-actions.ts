import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './column-builders.js';

function foreignKey(column: string, table: string, onDelete: 'RESTRICT' | 'CASCADE' = 'RESTRICT') {
  return new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
  });
}

/**
 * Audit actions tracked to closure: the plan items they cite, the actions (a persisted action
 * machine each) and the overdue job's claims, one row per action, step and due date.
 */
export class Actions1764700000000 implements MigrationInterface {
  name = 'Actions1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'plan_items',
        columns: [
          c.id(),
          { ...c.varchar('reference', 30), isUnique: true },
          c.varchar('title', 300),
          c.varchar('source', 30),
          c.varchar('owner', 120),
          c.varchar('created_at', 30),
          c.varchar('updated_at', 30),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'actions',
        columns: [
          c.id(),
          c.int('audit_id'),
          c.int('team_id'),
          c.text('what'),
          c.text('why'),
          c.varchar('domain_key', 60, true),
          c.text('success_measure'),
          c.int('owner_id'),
          c.varchar('due_on', 10),
          c.int('plan_item_id', true),
          c.int('raised_by'),
          c.varchar('closed_at', 30, true),
          c.varchar('machine_id', 60),
          c.varchar('machine_version', 20),
          c.varchar('state', 40),
          c.text('snapshot'),
          c.version(),
          c.varchar('created_at', 30),
          c.varchar('updated_at', 30),
        ],
        indices: [
          new TableIndex({ columnNames: ['audit_id'] }),
          new TableIndex({ columnNames: ['plan_item_id'] }),
          new TableIndex({ columnNames: ['team_id', 'state'] }),
          new TableIndex({ columnNames: ['owner_id', 'state'] }),
          new TableIndex({ columnNames: ['state', 'due_on'] }),
        ],
        foreignKeys: [
          foreignKey('audit_id', 'audits'),
          foreignKey('team_id', 'teams'),
          foreignKey('owner_id', 'users'),
          foreignKey('plan_item_id', 'plan_items'),
          foreignKey('raised_by', 'users'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'action_notices',
        columns: [
          c.id(),
          c.int('action_id'),
          c.varchar('step', 20),
          c.varchar('due_on', 10),
          c.varchar('sent_on', 10),
          c.varchar('created_at', 30),
        ],
        indices: [new TableIndex({ columnNames: ['action_id', 'step', 'due_on'], isUnique: true })],
        foreignKeys: [foreignKey('action_id', 'actions', 'CASCADE')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('action_notices');
    await queryRunner.dropTable('actions');
    await queryRunner.dropTable('plan_items');
  }
}
