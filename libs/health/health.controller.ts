import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/index.js';
import { Db } from '../persistence/index.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Db) {}

  /** Up when the database answers. Says nothing about the data. */
  @Public()
  @Get()
  async health() {
    await this.db.read((m) => m.query('SELECT 1'));
    return { status: 'ok', database: this.db.isSqlite ? 'sqlite' : 'postgres' };
  }
}
