import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cycle machine version 2 has no `inProgress` state: whether a cycle's audits have started is
 * read from the audits, so an auditor's first START no longer writes the cycle row. The
 * queryable state of cycles that were in progress becomes `allocated`, what version 2 calls
 * them; their snapshots stay as version 1 wrote them until the workflow runner lifts them
 * (workflows/cycle-snapshots.ts) at their next event.
 */
export class CycleProgressFromAudits1764100000001 implements MigrationInterface {
  name = 'CycleProgressFromAudits1764100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE cycles SET state = 'allocated' WHERE machine_id = 'auditCycle' AND state = 'inProgress'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Version 1 accepts `allocated` cycles (their next START moves them on); v2 snapshots that
    // were written since cannot go back, and are left for the v2 code.
    await queryRunner.query(
      `UPDATE cycles SET state = 'inProgress' WHERE machine_id = 'auditCycle' AND machine_version = '1'
         AND snapshot LIKE '%"value":"inProgress"%'`,
    );
  }
}
