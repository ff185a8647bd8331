import { OutboxService } from '../../libs/notifications/outbox.service.js';
import { newUser, Role } from '../support/test-app.js';
import {
  checkPage,
  checkReflow,
  describeInBrowser,
  newPage,
  signIn,
  startSite,
  type Site,
} from './support/browser.js';

/** Everyone's notifications page: the unread counted in the header, read by opening or all at once. */
describeInBrowser('the notifications page, in Chromium', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite('notifications');
  });

  afterAll(async () => {
    await site?.close();
  });

  it('counts the unread in the header, opens one to its page, marks all read, at 320 px too', async () => {
    const { t } = site;
    const recipientId = await newUser(t.db, { username: 'sw.notified', role: Role.SocialWorker });
    const outbox = t.app.get(OutboxService);
    await t.db.transaction((m) =>
      outbox.enqueue(m, [
        {
          kind: 'action-reminder',
          recipientId,
          subject: 'An action you own is due in 7 days',
          payload: { path: '/case-audits' },
        },
        {
          kind: 'action-overdue',
          recipientId,
          subject: 'An action you own is overdue',
          payload: { path: '/case-audits' },
        },
        {
          kind: 'action-reminder',
          recipientId,
          subject: 'An action you own is due tomorrow',
          payload: { path: '/case-audits' },
        },
      ]),
    );
    const page = await newPage(site);
    await signIn(page, 'sw.notified');
    const headerLink = page.locator('header a[href="/notifications"]');
    await expect(headerLink.textContent()).resolves.toBe('Notifications (3 unread)');

    await headerLink.click();
    await page.waitForURL('**/notifications');
    await expect(page.locator('h1').textContent()).resolves.toBe('Notifications');
    await expect(page.locator('.app-notifications__item--unread').count()).resolves.toBe(3);
    await checkPage(page, 'notifications-unread');
    await checkReflow(page, 'notifications-unread');

    await page.getByRole('link', { name: 'An action you own is overdue' }).click();
    await page.waitForURL('**/case-audits');
    await expect(headerLink.textContent()).resolves.toBe('Notifications (2 unread)');

    await page.goto('/notifications');
    await expect(page.locator('.app-notifications__item--unread').count()).resolves.toBe(2);
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.waitForURL('**/notifications?done=read');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Your notifications are marked as read.',
    );
    await expect(page.locator('.app-notifications__item--unread').count()).resolves.toBe(0);
    await expect(headerLink.textContent()).resolves.toBe('Notifications');
    await checkPage(page, 'notifications-read');
    await checkReflow(page, 'notifications-read');
  });
});
