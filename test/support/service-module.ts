import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { ActionsModule } from '../../libs/actions/actions.module.js';
import { AuditToolsModule } from '../../libs/audit-tools/audit-tools.module.js';
import { AuditsModule } from '../../libs/audits/audits.module.js';
import { AuthModule } from '../../libs/auth/auth.module.js';
import { CasesModule } from '../../libs/cases/cases.module.js';
import { Clock, ClockModule, FixedClock } from '../../libs/clock/index.js';
import { CyclesModule } from '../../libs/cycles/cycles.module.js';
import { NotificationsModule } from '../../libs/notifications/notifications.module.js';
import { OrgModule } from '../../libs/org/org.module.js';
import { Db } from '../../libs/persistence/db.service.js';
import { PersistenceModule } from '../../libs/persistence/persistence.module.js';
import type { TestContext } from './factories.js';
import { migratedSqliteUrl, sqliteTemplate } from './sqlite-template.js';
import { assertTestDatabase } from './test-app.js';

/** The moment service specs run at unless they say otherwise: after the factories' discussion date. */
export const SERVICE_TEST_NOW = '2026-12-15T10:00:00Z';

export interface ServiceTestModule extends TestContext {
  app: TestingModule;
  clock: FixedClock;
  close: () => Promise<void>;
}

/**
 * The service tier: the feature modules with the real persistence and clock modules, no HTTP,
 * on a fresh SQLite file for this spec file and Jest worker, migrated for real (a copy of the
 * run's migrated template; the migrations run again and find nothing to do). The clock is a
 * FixedClock the spec may move.
 */
export async function startServices(
  name: string,
  clock = new FixedClock(SERVICE_TEST_NOW),
): Promise<ServiceTestModule> {
  await sqliteTemplate();
  const url = migratedSqliteUrl(`service-${name}`);
  assertTestDatabase(url);
  process.env.DATABASE_URL = url;
  const app = await Test.createTestingModule({
    imports: [
      PersistenceModule,
      ClockModule,
      AuthModule,
      OrgModule,
      CasesModule,
      CyclesModule,
      AuditToolsModule,
      NotificationsModule,
      AuditsModule,
      ActionsModule,
    ],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  app.useLogger(['error']);
  await app.init();
  const db = app.get(Db);
  await db.dataSource.runMigrations({ transaction: 'each' });
  return { app, db, clock, close: () => app.close() };
}
