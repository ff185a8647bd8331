import { Injectable } from '@nestjs/common';
import {
  DataSource,
  type EntitySubscriberInterface,
  type InsertEvent,
  type ObjectLiteral,
  type UpdateEvent,
} from 'typeorm';
import { Clock } from '../clock/index.js';
import { stampedColumns } from './timestamp-columns.js';

/** Writes created/updated timestamps from the Clock on every TypeORM insert and update. */
@Injectable()
export class TimestampSubscriber implements EntitySubscriberInterface {
  constructor(
    dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    dataSource.subscribers.push(this);
  }

  beforeInsert(event: InsertEvent<ObjectLiteral>): void {
    const now = this.clock.nowIso();
    for (const [property] of stampedColumns(event.metadata.target)) {
      event.entity[property] ??= now;
    }
  }

  beforeUpdate(event: UpdateEvent<ObjectLiteral>): void {
    if (!event.entity) return;
    const now = this.clock.nowIso();
    for (const [property, stamp] of stampedColumns(event.metadata.target)) {
      if (stamp === 'updated') event.entity[property] = now;
    }
  }
}
