import { FixedClock } from '../libs/clock/index.js';
import { Notification } from '../libs/notifications/notification.entity.js';
import type { NotificationSender } from '../libs/notifications/notification-sender.js';
import { OUTBOX_POLICY } from '../libs/notifications/outbox-claim.js';
import { OutboxService } from '../libs/notifications/outbox.service.js';
import { testEngines } from './support/engines.js';
import { allPages } from './support/pages.js';
import { freshPostgresDatabase } from './support/postgres.js';
import { registerCsv } from './support/register-files.js';
import { loginAs, newOrg, newUser, Role, startTestApp, TEST_NOW, type TestApp } from './support/test-app.js';

/** A sender outside the system: counts what it is asked to send, and fails when told to. */
class CountingSender implements NotificationSender {
  readonly sent: number[] = [];
  failNext = 0;

  async send(notification: Notification): Promise<void> {
    // Yield, as a real transport would, so concurrent deliveries interleave.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('mail relay unavailable');
    }
    this.sent.push(notification.id);
  }
}

const pending = (recipientId: number, n: number, attempts = 0) =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'test',
    recipientId,
    subject: `notice ${i}`,
    payload: { n: i },
    attempts,
    nextAttemptAt: TEST_NOW,
  }));

const engines = await testEngines('outbox');

describe.each(engines)('the notification outbox (%s, real migrations)', (_engine, databaseUrl) => {
  let t: TestApp;
  const sender = new CountingSender();
  const clock = new FixedClock(TEST_NOW);
  let adminId: number;
  let auditId: number;

  beforeAll(async () => {
    t = await startTestApp(databaseUrl(), { clock, sender });
    const org = await newOrg(t.db, [['North CP', 'North', 'CP']]);
    adminId = await newUser(t.db, { username: 'admin', role: Role.Administrator });
    await newUser(t.db, { username: 'auditor', role: Role.AdvancedPractitioner });
    await newUser(t.db, {
      username: 'hos.north',
      role: Role.HeadOfService,
      localityId: org.localities.get('North')!,
    });
    const admin = await loginAs(t, 'admin');
    await t
      .http()
      .post('/api/v1/cases/import')
      .set('Authorization', admin)
      .field('asOf', '2026-11-30')
      .attach('files', Buffer.from(registerCsv([{ ref: 'CP-1', cohort: 'CP', team: 'North CP' }])), 'r.csv')
      .expect(201);
    const cycle = await t
      .http()
      .post('/api/v1/cycles')
      .set('Authorization', admin)
      .send({
        month: '2026-12',
        kind: 'themed',
        title: 'Outbox',
        filter: { cohorts: ['CP'] },
        count: 1,
        tier3Count: 0,
        seed: 'outbox',
      })
      .expect(201);
    [{ auditId }] = await allPages<{ auditId: number }>(t, `/api/v1/cycles/${cycle.body.id}/audits`, admin);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('delivers a new escalation past 150 notifications that have used up their attempts', async () => {
    await t.db.transaction((m) => m.insert(Notification, pending(adminId, 150, OUTBOX_POLICY.maxAttempts)));
    const auditor = await loginAs(t, 'auditor');
    await t.http().post(`/api/v1/audits/${auditId}/start`).set('Authorization', auditor).expect(200);
    const raised = await t
      .http()
      .post(`/api/v1/audits/${auditId}/escalations`)
      .set('Authorization', auditor)
      .send({ reason: 'Child left with an unassessed adult' })
      .expect(201);
    const [notice] = await t.db.read((m) => m.findBy(Notification, { kind: 'escalation' }));
    expect(notice.payload.escalationId).toBe(raised.body.id);
    expect(notice.sentAt).not.toBeNull();
    expect(sender.sent).toEqual([notice.id]);
  });

  it('retries a failed send only once its back-off has passed, then stops at the limit', async () => {
    const [{ id }] = await t.db.transaction(async (m) => {
      await m.insert(Notification, pending(adminId, 1));
      return m.find(Notification, { where: { kind: 'test', attempts: 0 } });
    });
    const outbox = t.app.get(OutboxService);
    sender.failNext = OUTBOX_POLICY.maxAttempts;
    await expect(outbox.deliverPending()).resolves.toBe(0);
    await expect(outbox.deliverPending()).resolves.toBe(0); // not due again yet
    const failed = await t.db.read((m) => m.findOneByOrFail(Notification, { id }));
    expect(failed).toMatchObject({ attempts: 1, sentAt: null, lastError: 'mail relay unavailable' });

    for (let attempt = 2; attempt <= OUTBOX_POLICY.maxAttempts; attempt++) {
      clock.advance(OUTBOX_POLICY.backoffMs * 2 ** (attempt - 2));
      await outbox.deliverPending();
    }
    clock.advance(24 * 3600_000);
    sender.failNext = 0;
    await expect(outbox.deliverPending()).resolves.toBe(0); // dead: attempts at the limit
    await expect(t.db.read((m) => m.findOneByOrFail(Notification, { id }))).resolves.toMatchObject({
      attempts: OUTBOX_POLICY.maxAttempts,
      sentAt: null,
    });
    expect(sender.sent).not.toContain(id);
  });
});

const workersUrl = await freshPostgresDatabase('case_audit_outbox_workers_test');

(workersUrl ? describe : describe.skip)('two outbox workers on one PostgreSQL database', () => {
  let first: TestApp;
  let second: TestApp;
  const sender = new CountingSender();

  beforeAll(async () => {
    first = await startTestApp(workersUrl!, { sender });
    second = await startTestApp(workersUrl!, { sender });
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('send each notification once when they deliver at the same moment', async () => {
    const userId = await newUser(first.db, { username: 'worker.test', role: Role.Administrator });
    await first.db.transaction((m) => m.insert(Notification, pending(userId, 300)));
    const [a, b] = await Promise.all([
      first.app.get(OutboxService).deliverPending(),
      second.app.get(OutboxService).deliverPending(),
    ]);
    expect(a + b).toBe(300);
    expect(sender.sent).toHaveLength(300);
    expect(new Set(sender.sent).size).toBe(300);
  });
});
