import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { standaloneDatabaseOptions } from '../../../libs/persistence/index.js';
// Importing the app module makes every feature module register its entities.
import './app.module.js';

/** For the TypeORM CLI (`typeorm migration:generate -d dist/apps/api/src/data-source.js`). */
export default new DataSource(standaloneDatabaseOptions());
