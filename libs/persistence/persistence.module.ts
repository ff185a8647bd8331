import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseOptions } from './database-options.js';
import { ClockModule } from '../clock/index.js';
import { Db } from './db.service.js';
import { featureEntities } from './entity-registry.js';
import { SNAPSHOT_MIGRATIONS, type SnapshotMigrations } from './snapshot-upgrade.js';
import { TimestampSubscriber } from './timestamp.subscriber.js';
import { WorkflowRunner } from './workflow-runner.service.js';
import { WorkflowTransition } from './workflow-transition.entity.js';

const providers = [Db, WorkflowRunner];

/** The database connection, the unit-of-work gate and the workflow store, for every feature. */
@Global()
@Module({
  imports: [
    ClockModule,
    // Each feature module registers its own entities (featureEntities); Nest loads them all.
    TypeOrmModule.forRootAsync({ useFactory: () => ({ ...databaseOptions(), autoLoadEntities: true }) }),
    featureEntities([WorkflowTransition]),
  ],
  providers: [...providers, TimestampSubscriber],
  exports: providers,
})
export class PersistenceModule {
  /** With the machines' snapshot migrations, so the runner can lift rows written by older versions. */
  static forRoot(options: { snapshotMigrations: SnapshotMigrations }): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [{ provide: SNAPSHOT_MIGRATIONS, useValue: options.snapshotMigrations }],
    };
  }
}
