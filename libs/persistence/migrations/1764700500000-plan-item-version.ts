import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { columns } from './column-builders.js';

/**
 * An optimistic lock on plan items, as on every other record edited over the API: an edit made
 * from a page read before someone else's edit is refused (409), not silently overwritten. The
 * timestamp cannot do it: two edits in the same millisecond (or on a test's fixed clock) stamp
 * the same value. Existing items start at 1.
 */
export class PlanItemVersion1764700500000 implements MigrationInterface {
  name = 'PlanItemVersion1764700500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.addColumn('plan_items', new TableColumn({ ...c.version(), default: 1 }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('plan_items', 'version');
  }
}
