import { Role } from '../org/index.js';
import { navigationFor, startPageFor } from './navigation.js';

const user = (role: Role) => ({
  id: 1,
  username: 'u',
  displayName: 'U',
  role,
  teamId: null,
  localityId: null,
});

describe('navigationFor', () => {
  it.each([
    [Role.TeamManager, ['/audits']],
    [Role.AdvancedPractitioner, ['/audits']],
    [Role.SeniorManager, ['/audits']],
    [Role.Iro, ['/audits']],
    [Role.HeadOfService, ['/audits', '/escalations', '/oversight']],
    [Role.Director, ['/audits', '/escalations', '/oversight']],
    [Role.Moderator, ['/moderation']],
    [Role.SocialWorker, ['/case-audits']],
    [
      Role.Administrator,
      ['/admin', '/admin/register', '/admin/cycles', '/admin/users', '/admin/audit-tools', '/escalations'],
    ],
  ])('gives a %s the pages their role may use, the first being their start page', (role, hrefs) => {
    expect(navigationFor(user(role)).map((i) => i.href)).toEqual(hrefs);
    expect(startPageFor(user(role))).toBe(hrefs[0]);
  });

  it('marks the longest matching item current, and a page below it active', () => {
    const admin = user(Role.Administrator);
    const at = (path: string) =>
      navigationFor(admin, path)
        .filter((i) => i.current || i.active)
        .map((i) => [i.href, i.current ? 'current' : 'active']);
    expect(at('/admin')).toEqual([['/admin', 'current']]);
    expect(at('/admin/users')).toEqual([['/admin/users', 'current']]);
    expect(at('/admin/users/7')).toEqual([['/admin/users', 'active']]);
    expect(at('/administer')).toEqual([]);
  });

  it('shows no navigation to a visitor who has not signed in', () => {
    expect(navigationFor(undefined, '/login')).toEqual([]);
  });
});
