import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseOptions } from './database-options.js';
import { ClockModule } from '../clock/index.js';
import { Db } from './db.service.js';
import { TimestampSubscriber } from './timestamp.subscriber.js';
import { WorkflowRunner } from './workflow-runner.service.js';

const providers = [Db, WorkflowRunner];

/** The database connection, the unit-of-work gate and the workflow store, for every feature. */
@Global()
@Module({
  imports: [ClockModule, TypeOrmModule.forRootAsync({ useFactory: () => databaseOptions() })],
  providers: [...providers, TimestampSubscriber],
  exports: providers,
})
export class PersistenceModule {}
