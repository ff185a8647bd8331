import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { buildProgram } from '../apps/cli/src/program.js';
import { FixedClock } from '../libs/clock/index.js';
import type { NotificationSender } from '../libs/notifications/notification-sender.js';
import { Notification } from '../libs/notifications/notification.entity.js';
import { OUTBOX_POLICY } from '../libs/notifications/outbox-claim.js';
import { OutboxService } from '../libs/notifications/outbox.service.js';
import { User } from '../libs/org/user.entity.js';
import { testEngines } from './support/engines.js';
import { allPages } from './support/pages.js';
import { registerCsv } from './support/register-files.js';
import {
  loginAs,
  newOrg,
  newUser,
  Role,
  sqliteTestUrl,
  startTestApp,
  TEST_NOW,
  type TestApp,
} from './support/test-app.js';
import { webSignIn } from './support/web-session.js';

const quiet: NotificationSender = { send: async () => undefined };

let actionSeq = 0;

/**
 * Notifications for one person, queued as a feature does (in its own transaction), each about
 * action n linked at /actions/n; answers their ids, in order.
 */
async function enqueue(t: TestApp, recipientId: number, subjects: string[]): Promise<number[]> {
  const outbox = t.app.get(OutboxService);
  const before = await t.db.read((m) => m.countBy(Notification, { recipientId }));
  await t.db.transaction((m) =>
    outbox.enqueue(
      m,
      subjects.map((subject) => {
        const actionId = ++actionSeq;
        return {
          kind: 'action-reminder',
          recipientId,
          subject,
          payload: { actionId, path: `/actions/${actionId}` },
        };
      }),
    ),
  );
  const rows = await t.db.read((m) => m.find(Notification, { where: { recipientId }, order: { id: 'ASC' } }));
  return rows.slice(before).map((n) => n.id);
}

/** A person with their own notifications, signed in to the API: each test has its own (they run in any order). */
async function reader(t: TestApp, subjects: string[]) {
  const username = `reader.${++actionSeq}`;
  const id = await newUser(t.db, { username, role: Role.SocialWorker });
  return { id, username, ids: await enqueue(t, id, subjects), token: await loginAs(t, username) };
}

const engines = await testEngines('notification-inbox');

describe.each(engines)('a person’s notifications in the app (%s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let theirs: number[];
  /** Someone with nothing, for the refusals (which change nothing). */
  let idle: string;

  beforeAll(async () => {
    t = await startTestApp(databaseUrl(), { sender: quiet });
    const otherId = await newUser(t.db, { username: 'other', role: Role.TeamManager });
    theirs = await enqueue(t, otherId, ['Not yours']);
    idle = (await reader(t, [])).token;
  });

  afterAll(async () => {
    await t?.close();
  });

  const list = (as: string, query = '') =>
    t.http().get(`/api/v1/my/notifications${query}`).set('Authorization', as).expect(200);
  const markRead = (as: string, body: object) =>
    t.http().post('/api/v1/my/notifications/read').set('Authorization', as).send(body);

  it('lists only the caller’s, newest first and paged, each with its link; marks read by id, idempotently', async () => {
    const { ids: mine, token: me } = await reader(t, [
      'First: an action is due',
      'Second: an action is overdue',
      'Third',
    ]);
    const first = await list(me, '?pageSize=2');
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: 3, unread: 3 });
    expect(first.body.items.map((n: { subject: string }) => n.subject)).toEqual([
      'Third',
      'Second: an action is overdue',
    ]);
    expect(first.body.items[0]).toMatchObject({
      id: mine[2],
      link: `/actions/${actionSeq}`,
      readAt: null,
      unread: true,
    });
    const second = await list(me, '?pageSize=2&page=2');
    expect(second.body.items.map((n: { id: number }) => n.id)).toEqual([mine[0]]);

    await expect(markRead(me, { ids: [mine[0]] }).then((r) => [r.status, r.body])).resolves.toEqual([
      200,
      { marked: 1, unread: 2 },
    ]);
    await expect(markRead(me, { ids: [mine[0]] }).then((r) => r.body)).resolves.toEqual({
      marked: 0,
      unread: 2,
    });
    const unread = await list(me, '?unread=true');
    expect(unread.body.items.map((n: { id: number }) => n.id)).toEqual([mine[2], mine[1]]);
    const all = await list(me);
    expect(all.body.items.find((n: { id: number }) => n.id === mine[0])).toMatchObject({
      readAt: TEST_NOW,
      unread: false,
    });
  });

  it('answers another person’s notification as not found, and marks nothing', async () => {
    const { ids: mine, token: me } = await reader(t, ['Mine']);
    const refused = await markRead(me, { ids: [mine[0], theirs[0]] }).expect(404);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.detail ?? refused.body.title).toMatch(new RegExp(`notification ${theirs[0]}`));
    const row = (id: number) => t.db.read((m) => m.findOneByOrFail(Notification, { id }));
    await expect(row(mine[0])).resolves.toMatchObject({ readAt: null });
    await expect(row(theirs[0])).resolves.toMatchObject({ readAt: null });
  });

  it.each([
    ['neither ids nor all', {}, 'ids'],
    ['both', { ids: [1], all: true }, 'ids'],
    ['an empty list', { ids: [] }, 'ids'],
    ['ids that are not ids', { ids: ['1'] }, 'ids'],
    ['all: false', { all: false }, 'all'],
    ['upTo without all', { ids: [1], upTo: 3 }, 'upTo'],
  ])('refuses %s with a 422 naming the field', async (_name, body, field) => {
    const response = await markRead(idle, body).expect(422);
    expect(JSON.stringify(response.body)).toContain(field);
  });

  it('refuses ?unread=maybe with a 422', async () => {
    await t.http().get('/api/v1/my/notifications?unread=maybe').set('Authorization', idle).expect(422);
  });

  it('the page lists them with the unread counted in the header; opening one reads it; "mark all" reads the rest', async () => {
    const { username, token: me, ids } = await reader(t, ['First for the page', 'Fourth']);
    const extra = ids[1];
    const web = await webSignIn(t, username);
    const before = await t.http().get('/notifications').set('Cookie', web.cookie).expect(200);
    expect(before.text).toContain(`Notifications (2<span class="govuk-visually-hidden"> unread</span>)`);
    expect(before.text).toContain('Fourth');
    expect(before.text).not.toContain('Not yours');

    // Another's notification is not found; one's own is read on the way to its page.
    await t.http().get(`/notifications/${theirs[0]}`).set('Cookie', web.cookie).expect(404);
    const opened = await t.http().get(`/notifications/${extra}`).set('Cookie', web.cookie).expect(303);
    const row = await t.db.read((m) => m.findOneByOrFail(Notification, { id: extra }));
    expect(opened.headers.location).toBe(row.payload.path);
    expect(opened.headers.location).toMatch(/^\/actions\/\d+$/);
    await expect(t.db.read((m) => m.findOneByOrFail(Notification, { id: extra }))).resolves.toMatchObject({
      readAt: TEST_NOW,
    });

    await t
      .http()
      .post('/notifications/read')
      .set('Cookie', web.cookie)
      .type('form')
      .send({ upTo: '1' })
      .expect(403);
    const marked = await t
      .http()
      .post('/notifications/read')
      .set('Cookie', web.cookie)
      .type('form')
      .send({ _csrf: web.csrf, upTo: String(extra) })
      .expect(303);
    expect(marked.headers.location).toBe('/notifications?done=read');
    await expect(list(me).then((r) => r.body.unread)).resolves.toBe(0);
    await expect(list(await loginAs(t, 'other')).then((r) => r.body.unread)).resolves.toBe(1);
    const after = await t.http().get('/notifications?done=read').set('Cookie', web.cookie).expect(200);
    expect(after.text).toContain('Your notifications are marked as read.');
    expect(after.text).not.toMatch(/Notifications \(\d/);
  });
});

/** An audit to escalate: a case in a North team, a cycle that draws it, a head of service to tell. */
async function escalationWorld(t: TestApp, email: string): Promise<{ auditId: number; auditor: string }> {
  const org = await newOrg(t.db, [['North CP', 'North', 'CP']]);
  await newUser(t.db, { username: 'admin', role: Role.Administrator });
  await newUser(t.db, { username: 'auditor', role: Role.AdvancedPractitioner });
  const hos = await newUser(t.db, {
    username: 'hos.north',
    displayName: 'Hana Head',
    role: Role.HeadOfService,
    localityId: org.localities.get('North')!,
  });
  const admin = await loginAs(t, 'admin');
  // The address is the administrator's to keep, through the API.
  await t
    .http()
    .patch(`/api/v1/org/users/${hos}`)
    .set('Authorization', admin)
    .send({ email: 'not an address' })
    .expect(422);
  const changed = await t
    .http()
    .patch(`/api/v1/org/users/${hos}`)
    .set('Authorization', admin)
    .send({ email })
    .expect(200);
  expect(changed.body).toMatchObject({ email, sessionsEnded: false });
  await t
    .http()
    .post('/api/v1/cases/import')
    .set('Authorization', admin)
    .field('asOf', '2026-11-30')
    .attach('files', Buffer.from(registerCsv([{ ref: 'CP-4711', cohort: 'CP', team: 'North CP' }])), 'r.csv')
    .expect(201);
  const cycle = await t
    .http()
    .post('/api/v1/cycles')
    .set('Authorization', admin)
    .send({
      month: '2026-12',
      kind: 'themed',
      title: 'Mail',
      filter: { cohorts: ['CP'] },
      count: 1,
      tier3Count: 0,
      seed: 'mail',
    })
    .expect(201);
  const [{ auditId }] = await allPages<{ auditId: number }>(
    t,
    `/api/v1/cycles/${cycle.body.id}/audits`,
    admin,
  );
  const auditor = await loginAs(t, 'auditor');
  await t.http().post(`/api/v1/audits/${auditId}/start`).set('Authorization', auditor).expect(200);
  return { auditId, auditor };
}

interface Received {
  to: string[];
  raw: string;
}

describe('e-mail through a local SMTP server (SQLite)', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  const received: Received[] = [];
  let refuseNext = 0;
  const clock = new FixedClock(TEST_NOW);
  let world: { auditId: number; auditor: string };
  let databaseUrl: string;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onMailFrom(_address, _session, callback) {
        if (refuseNext > 0) {
          refuseNext--;
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    process.env.SMTP_FROM = 'audit@council.example';
    process.env.PUBLIC_BASE_URL = 'https://audit.council.example';
    databaseUrl = sqliteTestUrl('notification-smtp');
    t = await startTestApp(databaseUrl, { clock });
    world = await escalationWorld(t, 'hana.head@council.example');
  });

  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.SMTP_FROM;
    delete process.env.PUBLIC_BASE_URL;
    await t?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
  });

  it('sends an escalation once, with what happened and its link, and no case reference or name', async () => {
    const raised = await t
      .http()
      .post(`/api/v1/audits/${world.auditId}/escalations`)
      .set('Authorization', world.auditor)
      .send({ reason: 'Child left with an unassessed adult' })
      .expect(201);
    const outbox = t.app.get(OutboxService);
    await outbox.deliverPending();
    clock.advance(24 * 3600_000);
    await outbox.deliverPending();
    const toHana = received.filter(
      (r) => r.to.includes('hana.head@council.example') && r.raw.includes('escalated to you'),
    );
    expect(toHana).toHaveLength(1);
    const [mail] = toHana;
    expect(mail.raw).toMatch(/From: audit@council\.example/);
    expect(mail.raw).toContain('escalated to you');
    expect(mail.raw).toContain(`https://audit.council.example/escalations/${raised.body.id}`);
    for (const detail of ['CP-4711', 'unassessed adult', 'Hana Head']) expect(mail.raw).not.toContain(detail);
    // The app's copy keeps the case: only the reader, signed in, sees it.
    const [inApp] = await t.db.read((m) => m.findBy(Notification, { kind: 'escalation' }));
    expect(inApp.subject).toContain('CP-4711');
  });

  it('a refusing server delays the e-mail; it arrives once after the back-off', async () => {
    const before = received.length;
    const recipient = await t.db.read((m) => m.findOneByOrFail(User, { username: 'hos.north' }));
    refuseNext = 1;
    const [id] = (await enqueue(t, recipient.id, ['An action you own is overdue'])).slice(-1);
    const outbox = t.app.get(OutboxService);
    await expect(outbox.deliverPending()).resolves.toBe(0);
    const failed = await t.db.read((m) => m.findOneByOrFail(Notification, { id }));
    expect(failed).toMatchObject({ sentAt: null, attempts: 1 });
    // The stored reason names the server's reply, not the address it refused.
    expect(failed.lastError).toMatch(/SMTP server did not take the e-mail/);
    expect(failed.lastError).not.toContain('council.example');
    await expect(outbox.deliverPending()).resolves.toBe(0); // not due again yet
    expect(received.length).toBe(before);
    clock.advance(OUTBOX_POLICY.backoffMs);
    await expect(outbox.deliverPending()).resolves.toBe(1);
    clock.advance(OUTBOX_POLICY.backoffMs * 8);
    await outbox.deliverPending();
    expect(received.slice(before)).toHaveLength(1);
    expect(received[before].raw).toContain('An action you own is overdue');
  });

  it('cron’s `notifications deliver` e-mails what is due, through the same configuration', async () => {
    const before = received.length;
    const recipient = await t.db.read((m) => m.findOneByOrFail(User, { username: 'hos.north' }));
    // Due long ago: the CLI keeps the wall clock, not this test's.
    await t.db.transaction((m) =>
      m.insert(Notification, {
        kind: 'action-overdue',
        recipientId: recipient.id,
        subject: 'An action you own is overdue (from cron)',
        payload: { path: '/actions/9' },
        attempts: 0,
        nextAttemptAt: '2020-01-01T00:00:00.000Z',
      }),
    );
    let stdout = '';
    process.env.DATABASE_URL = databaseUrl;
    await buildProgram({ stdout: (s) => (stdout += s), stderr: () => undefined }).parseAsync([
      'node',
      'case-audit',
      'notifications',
      'deliver',
      '--json',
    ]);
    expect(JSON.parse(stdout)).toEqual({ sent: 1 });
    expect(received.slice(before)).toHaveLength(1);
    expect(received[before].raw).toContain('https://audit.council.example/actions/9');
  });

  it('someone without an address reads it in the app only, and it counts as delivered', async () => {
    const before = received.length;
    const nobody = await newUser(t.db, { role: Role.SocialWorker });
    const [id] = await enqueue(t, nobody, ['Something for you']);
    await t.app.get(OutboxService).deliverPending();
    expect(received.length).toBe(before);
    await expect(t.db.read((m) => m.findOneByOrFail(Notification, { id }))).resolves.toMatchObject({
      attempts: 1,
      lastError: null,
    });
  });
});

interface NotifyRequest {
  path: string;
  authorization: string;
  body: {
    template_id: string;
    email_address: string;
    personalisation: Record<string, string>;
    reference: string;
  };
}

const bodyOf = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

/** The service id and secret are UUIDs at the key's end, as Notify's keys have them. */
const NOTIFY_KEY = 'test_key-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';

describe('e-mail through a stand-in for GOV.UK Notify (SQLite)', () => {
  let t: TestApp;
  let notify: Server;
  const requests: NotifyRequest[] = [];

  beforeAll(async () => {
    notify = createServer((request, response) => {
      void bodyOf(request).then((text) => {
        const authorization = request.headers.authorization ?? '';
        if (request.method !== 'POST' || request.url !== '/v2/notifications/email') {
          response.writeHead(404).end();
          return;
        }
        // Notify's clients sign a JWT with the key's secret; a request without one is refused.
        if (!/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(authorization)) {
          response.writeHead(403, { 'Content-Type': 'application/json' }).end('{"errors":[]}');
          return;
        }
        requests.push({ path: request.url, authorization, body: JSON.parse(text) as NotifyRequest['body'] });
        response.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: 'n-1' }));
      });
    });
    await new Promise<void>((resolve) => notify.listen(0, '127.0.0.1', resolve));
    const port = (notify.address() as AddressInfo).port;
    process.env.NOTIFY_API_KEY = NOTIFY_KEY;
    process.env.NOTIFY_TEMPLATE_ID = 'template-1';
    process.env.NOTIFY_BASE_URL = `http://127.0.0.1:${port}`;
    t = await startTestApp(sqliteTestUrl('notification-notify'));
  });

  afterAll(async () => {
    delete process.env.NOTIFY_API_KEY;
    delete process.env.NOTIFY_TEMPLATE_ID;
    delete process.env.NOTIFY_BASE_URL;
    await t?.close();
    await new Promise<void>((resolve) => (notify ? notify.close(() => resolve()) : resolve()));
  });

  it('gets exactly one request for an escalation, signed, with no child’s details in it', async () => {
    const world = await escalationWorld(t, 'hana.head@council.example');
    const raised = await t
      .http()
      .post(`/api/v1/audits/${world.auditId}/escalations`)
      .set('Authorization', world.auditor)
      .send({ reason: 'Child left with an unassessed adult' })
      .expect(201);
    await t.app.get(OutboxService).deliverPending();
    await t.app.get(OutboxService).deliverPending();
    expect(requests).toHaveLength(1);
    const [sent] = requests;
    const [, payload] = sent.authorization.slice('Bearer '.length).split('.');
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))).toMatchObject({
      iss: '26785a09-ab16-4eb0-8407-a37497a57506',
    });
    expect(sent.body).toMatchObject({
      template_id: 'template-1',
      email_address: 'hana.head@council.example',
      personalisation: { link: `http://localhost:3000/escalations/${raised.body.id}` },
    });
    expect(sent.body.reference).toMatch(/^notification-\d+$/);
    const text = JSON.stringify(sent.body.personalisation);
    for (const detail of ['CP-4711', 'unassessed adult', 'Hana Head']) expect(text).not.toContain(detail);
  });
});
