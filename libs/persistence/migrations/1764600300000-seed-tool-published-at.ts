import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What migration 1763900000000 wrote for "published" on the tool it seeded: not a real date. */
const UNKNOWN = new Date(0).toISOString();

/**
 * The standard tool that comes with the service was seeded as published on 1 January 1970, and
 * the tool pages said so. It was published when the service was installed: its row's creation.
 */
export class SeedToolPublishedAt1764600300000 implements MigrationInterface {
  name = 'SeedToolPublishedAt1764600300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const p = (n: number) => (queryRunner.connection.options.type === 'postgres' ? `$${n}` : '?');
    const rows = (await queryRunner.query(
      `SELECT id, created_at FROM audit_tools WHERE published_at = ${p(1)}`,
      [UNKNOWN],
    )) as { id: number; created_at: string | Date }[];
    for (const row of rows) {
      const created =
        row.created_at instanceof Date ? row.created_at : new Date(zoned(String(row.created_at)));
      if (Number.isNaN(created.getTime())) continue;
      await queryRunner.query(`UPDATE audit_tools SET published_at = ${p(1)} WHERE id = ${p(2)}`, [
        created.toISOString(),
        row.id,
      ]);
    }
  }

  async down(): Promise<void> {
    // The install time is the better record; nothing to undo.
  }
}

/** SQLite's `CURRENT_TIMESTAMP` is UTC without a zone: say so before parsing. */
function zoned(value: string): string {
  return /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`;
}
