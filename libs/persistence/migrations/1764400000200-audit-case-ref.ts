import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columns } from './column-builders.js';

/**
 * A cycle's audits are listed and paged by case reference. Sorting them through a join to the
 * cases table read and sorted the whole cycle (10,000 audits) for every page of 25; with the
 * reference copied onto the audit, as its team and cohort already are, a page is an index range.
 * The strata (team x cohort counts) and the figures by state are counted from indexes alone.
 */
const INDEXES: string[][] = [
  // The row id follows in the index implicitly, and breaks ties in the list's order.
  ['cycle_id', 'case_ref'],
  ['cycle_id', 'team_id', 'cohort_code'],
  // The cycle's figures (audits and those with an auditor, by state) from the index alone.
  ['cycle_id', 'state', 'auditor_id'],
];

export class AuditCaseRef1764400000200 implements MigrationInterface {
  name = 'AuditCaseRef1764400000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.addColumn('audits', new TableColumn({ ...c.varchar('case_ref', 64), default: "''" }));
    await queryRunner.query(
      'UPDATE audits SET case_ref = (SELECT cases.case_ref FROM cases WHERE cases.id = audits.case_id)',
    );
    for (const columnNames of INDEXES) {
      await queryRunner.createIndex('audits', new TableIndex({ columnNames }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const columnNames of [...INDEXES].reverse()) {
      await queryRunner.dropIndex('audits', new TableIndex({ columnNames }));
    }
    await queryRunner.dropColumn('audits', 'case_ref');
  }
}
