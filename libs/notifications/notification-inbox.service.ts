import { Injectable } from '@nestjs/common';
import { In, IsNull, LessThanOrEqual, type FindOptionsWhere } from 'typeorm';
import { Clock } from '../clock/index.js';
import { DomainError, entityPage, type Page, type PageRequest } from '../common/index.js';
import { Db } from '../persistence/index.js';
import { Notification } from './notification.entity.js';
import { notificationMessage } from './notification-message.js';

/** A notification as its recipient sees it in the app. */
export interface InboxItem {
  id: number;
  kind: string;
  /** What happened, as the feature that raised it said it (it may name the case: the reader may see it). */
  subject: string;
  /** The page that shows the thing, or null when there is none. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
  unread: boolean;
}

export interface InboxPage extends Page<InboxItem> {
  /** The recipient's unread notifications in all, whatever the page shows. */
  unread: number;
  /** Their newest notification's id (null: none): "mark all as read" reads up to it. */
  newestId: number | null;
}

const COLUMNS = {
  id: true,
  kind: true,
  subject: true,
  payload: true,
  createdAt: true,
  readAt: true,
} as const;

/**
 * A person's own notifications: listed newest first, counted unread, marked read. Every query
 * is by the recipient, so nobody reads or marks another's: another's id is "not found".
 */
@Injectable()
export class NotificationInbox {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  list(recipientId: number, filter: { unread?: boolean }, request: PageRequest): Promise<InboxPage> {
    return this.db.read(async (m) => {
      const where: FindOptionsWhere<Notification> = filter.unread
        ? { recipientId, readAt: IsNull() }
        : { recipientId };
      const page = await entityPage(
        m,
        Notification,
        { select: COLUMNS, where, order: { id: 'DESC' } },
        request,
      );
      const unread = filter.unread
        ? page.total
        : await m.countBy(Notification, { recipientId, readAt: IsNull() });
      const newest =
        page.page === 1 && !filter.unread
          ? page.items[0]
          : await m.findOne(Notification, {
              select: { id: true },
              where: { recipientId },
              order: { id: 'DESC' },
            });
      return { ...page, items: page.items.map(toItem), unread, newestId: newest?.id ?? null };
    });
  }

  unreadCount(recipientId: number): Promise<number> {
    return this.db.read((m) => m.countBy(Notification, { recipientId, readAt: IsNull() }));
  }

  /** Marks these read (those already read keep when they were); any id not theirs is refused whole. */
  markRead(recipientId: number, ids: readonly number[]): Promise<number> {
    const wanted = [...new Set(ids)];
    return this.db.transaction(async (m) => {
      const own = await m.find(Notification, {
        select: { id: true },
        where: { recipientId, id: In(wanted) },
      });
      const found = new Set(own.map((n) => n.id));
      const missing = wanted.find((id) => !found.has(id));
      if (missing !== undefined) throw DomainError.notFound('notification', missing);
      if (wanted.length === 0) return 0;
      const { affected } = await m.update(
        Notification,
        { recipientId, id: In(wanted), readAt: IsNull() },
        { readAt: this.clock.nowIso() },
      );
      return affected ?? 0;
    });
  }

  /**
   * Marks every unread one read; with `upTo`, only those up to that id, so one that arrived after
   * the page was shown stays unread.
   */
  markAll(recipientId: number, upTo?: number): Promise<number> {
    return this.db.transaction(async (m) => {
      const { affected } = await m.update(
        Notification,
        { recipientId, readAt: IsNull(), ...(upTo ? { id: LessThanOrEqual(upTo) } : {}) },
        { readAt: this.clock.nowIso() },
      );
      return affected ?? 0;
    });
  }

  /** Opening a notification reads it; answers where it leads (the notifications page if nowhere). */
  async open(recipientId: number, id: number): Promise<string> {
    const notification = await this.db.read((m) =>
      m.findOne(Notification, { select: COLUMNS, where: { id, recipientId } }),
    );
    if (!notification) throw DomainError.notFound('notification', id);
    if (notification.readAt === null) await this.markRead(recipientId, [id]);
    return toItem(notification).link ?? '/notifications';
  }
}

function toItem(n: Pick<Notification, keyof typeof COLUMNS>): InboxItem {
  return {
    id: n.id,
    kind: n.kind,
    subject: n.subject,
    link: notificationMessage(n.kind, n.payload, n.subject).path,
    createdAt: n.createdAt,
    readAt: n.readAt,
    unread: n.readAt === null,
  };
}
