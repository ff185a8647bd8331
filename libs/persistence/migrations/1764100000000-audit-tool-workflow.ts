import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { columns } from './column-builders.js';

/**
 * Audit-tool versions become runs of the audit-tool machine (workflows/audit-tool.machine.ts):
 * the `status` column gives way to the workflow columns, filled here for every existing row.
 * The snapshots are frozen as data, as machine version 1 wrote them (the machine has no context),
 * so that this migration means the same thing whatever the machine becomes later. The row's
 * optimistic lock stays `row_version`: `version` is the tool's number.
 */
const SNAPSHOTS_V1: Record<string, string> = {
  draft: '{"status":"active","value":"draft","historyValue":{},"context":{},"children":{}}',
  published: '{"status":"active","value":"published","historyValue":{},"context":{},"children":{}}',
  retired: '{"status":"done","value":"retired","historyValue":{},"context":{},"children":{}}',
};

const WORKFLOW_COLUMNS = ['machine_id', 'machine_version', 'state', 'snapshot'];

export class AuditToolWorkflow1764100000000 implements MigrationInterface {
  name = 'AuditToolWorkflow1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const wanted = [
      c.varchar('machine_id', 60),
      c.varchar('machine_version', 20),
      c.varchar('state', 40),
      c.text('snapshot'),
    ];
    // Nullable while existing rows are filled, then required.
    await queryRunner.addColumns(
      'audit_tools',
      wanted.map((column) => new TableColumn({ ...column, isNullable: true })),
    );
    const snapshotCase = Object.entries(SNAPSHOTS_V1)
      .map(([state, json]) => `WHEN '${state}' THEN '${json}'`)
      .join(' ');
    await queryRunner.query(
      `UPDATE audit_tools SET machine_id = 'auditTool', machine_version = '1', state = status,
         snapshot = CASE status ${snapshotCase} END`,
    );
    await queryRunner.changeColumns(
      'audit_tools',
      wanted.map((column) => ({
        oldColumn: new TableColumn({ ...column, isNullable: true }),
        newColumn: new TableColumn(column),
      })),
    );
    await queryRunner.dropColumn('audit_tools', 'status');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.addColumn('audit_tools', new TableColumn(c.varchar('status', 20, true)));
    await queryRunner.query(`UPDATE audit_tools SET status = state`);
    await queryRunner.changeColumn(
      'audit_tools',
      new TableColumn(c.varchar('status', 20, true)),
      new TableColumn(c.varchar('status', 20)),
    );
    await queryRunner.dropColumns('audit_tools', WORKFLOW_COLUMNS);
  }
}
