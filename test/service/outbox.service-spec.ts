import { Notification } from '../../libs/notifications/notification.entity.js';
import { OutboxService } from '../../libs/notifications/outbox.service.js';
import { Role } from '../../libs/org/role.js';
import { newUser } from '../support/test-app.js';
import { type ServiceTestModule, startServices } from '../support/service-module.js';

describe('OutboxService (service tier: real SQLite, no HTTP)', () => {
  let s: ServiceTestModule;
  let outbox: OutboxService;
  const notification = (recipientId: number, subject: string) => ({
    kind: 'test',
    recipientId,
    subject,
    payload: { note: subject },
  });

  beforeAll(async () => {
    s = await startServices('outbox');
    outbox = s.app.get(OutboxService);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('delivers what was enqueued once, marking it sent', async () => {
    const recipient = await newUser(s.db, { role: Role.HeadOfService });
    await s.db.transaction((m) =>
      outbox.enqueue(m, [notification(recipient, 'one'), notification(recipient, 'two')]),
    );
    await outbox.deliverPending();
    const sent = await s.db.read((m) => m.findBy(Notification, { recipientId: recipient }));
    expect(sent.map((n) => [n.subject, n.sentAt !== null])).toEqual([
      ['one', true],
      ['two', true],
    ]);
    await outbox.deliverPending();
    const again = await s.db.read((m) => m.findBy(Notification, { recipientId: recipient }));
    expect(again.map((n) => n.attempts)).toEqual([1, 1]);
  });

  it('enqueues nothing when the transaction that caused it rolls back', async () => {
    const recipient = await newUser(s.db, { role: Role.Director });
    const failing = s.db.transaction(async (m) => {
      await outbox.enqueue(m, [notification(recipient, 'never')]);
      throw new Error('the command failed after enqueuing');
    });
    await expect(failing).rejects.toThrow('the command failed');
    await outbox.deliverPending();
    await expect(s.db.read((m) => m.countBy(Notification, { recipientId: recipient }))).resolves.toBe(0);
  });
});
