import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The four cohorts every council has. Others (early help, MASH, SEND…) are added as data. */
const STANDARD = [
  { code: 'CLA', title: 'Children looked after', specificity: 40 },
  { code: 'CL', title: 'Care leavers', specificity: 30 },
  { code: 'CP', title: 'Child protection', specificity: 20 },
  { code: 'CIN', title: 'Child in need', specificity: 10 },
];

export class StandardCohorts1763830000001 implements MigrationInterface {
  name = 'StandardCohorts1763830000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.manager.createQueryBuilder().insert().into('cohorts').values(STANDARD).execute();
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.manager
      .createQueryBuilder()
      .delete()
      .from('cohorts')
      .where('code IN (:...codes)', { codes: STANDARD.map((c) => c.code) })
      .execute();
  }
}
