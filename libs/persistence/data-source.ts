import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options.js';

/** For the TypeORM CLI (`typeorm migration:generate -d dist/libs/persistence/data-source.js`). */
export default new DataSource(databaseOptions());
