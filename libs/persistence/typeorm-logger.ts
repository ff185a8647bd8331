import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerInterface } from 'typeorm';

/**
 * TypeORM's own loggers print failed queries with their parameters: case references and
 * workers' names would land in the logs. This one names the failure and nothing of the data.
 */
export class TypeOrmLogger implements TypeOrmLoggerInterface {
  private readonly logger = new Logger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    const message = error instanceof Error ? error.message : error;
    this.logger.warn(`query failed (${query.trim().split(/\s+/).slice(0, 3).join(' ')} …): ${message}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query, ${time} ms: ${query.trim().split(/\s+/).slice(0, 3).join(' ')} …`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
