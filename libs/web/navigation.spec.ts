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
    [Role.TeamManager, ['/audits', '/team-audits', '/actions', '/my-actions']],
    [Role.AdvancedPractitioner, ['/actions', '/audits']],
    [Role.SeniorManager, ['/audits']],
    [Role.Iro, ['/audits']],
    [Role.HeadOfService, ['/escalations', '/audits', '/oversight', '/actions']],
    [Role.Director, ['/escalations', '/audits', '/oversight', '/actions']],
    [Role.Moderator, ['/moderation']],
    [Role.SocialWorker, ['/case-audits', '/my-actions']],
    [
      Role.Administrator,
      [
        '/admin',
        '/admin/register',
        '/admin/cycles',
        '/admin/users',
        '/admin/audit-tools',
        '/admin/plan',
        '/actions',
      ],
    ],
  ])('gives a %s the pages their role may use, the first being their start page', (role, hrefs) => {
    expect(navigationFor(user(role)).map((i) => i.href)).toEqual(hrefs);
    expect(startPageFor(user(role))).toBe(hrefs[0]);
  });

  it.each(Object.values(Role))(
    'gives a %s who must choose a password no menu, and that page to start on',
    (role) => {
      const mustChange = { ...user(role), mustChangePassword: true };
      expect(navigationFor(mustChange, '/admin')).toEqual([]);
      expect(startPageFor(mustChange)).toBe('/account/password');
    },
  );

  const marked = (role: Role, path: string) =>
    navigationFor(user(role), path)
      .filter((i) => i.current || i.active)
      .map((i) => [i.href, i.current ? 'current' : 'active']);

  it.each([
    ['/admin', [['/admin', 'current']]],
    ['/admin/users', [['/admin/users', 'current']]],
    ['/admin/users/7', [['/admin/users', 'active']]],
    ['/admin/users/new', [['/admin/users', 'active']]],
    ['/admin/teams', [['/admin/users', 'active']]],
    ['/admin/teams/3/edit', [['/admin/users', 'active']]],
    ['/admin/teams/localities/new', [['/admin/users', 'active']]],
    ['/admin/teamsters', [['/admin', 'active']]],
    ['/admin/cycles/4', [['/admin/cycles', 'active']]],
    ['/admin/plan/2/edit', [['/admin/plan', 'active']]],
    ['/admin/audits/9/access', [['/admin', 'active']]],
    ['/escalations', []],
    ['/administer', []],
  ])('on %s marks the longest matching section for an administrator', (path, expected) => {
    expect(marked(Role.Administrator, path)).toEqual(expected);
  });

  it('marks a head of service’s escalations current', () => {
    expect(marked(Role.HeadOfService, '/escalations')).toEqual([['/escalations', 'current']]);
  });

  it('counts the work waiting behind an item, and says nothing when none waits', () => {
    const hos = user(Role.HeadOfService);
    const texts = (counts: Record<string, number>) =>
      navigationFor(hos, '/audits', counts).map((i) => i.text);
    expect(texts({ '/escalations': 2 })).toEqual(['Escalations (2)', 'My audits', 'Audits', 'Actions']);
    expect(texts({ '/escalations': 0 })).toEqual(['Escalations', 'My audits', 'Audits', 'Actions']);
    expect(navigationFor(hos, '/escalations', { '/escalations': 1 })[0]).toEqual({
      href: '/escalations',
      text: 'Escalations (1)',
      current: true,
    });
  });

  it('labels the administrator’s seven items shortly enough to sit beside the service name', () => {
    const labels = navigationFor(user(Role.Administrator)).map((i) => i.text);
    expect(labels).toEqual([
      'Overview',
      'Register',
      'Cycles',
      'Users and teams',
      'Audit tools',
      'Plan',
      'Actions',
    ]);
  });

  it.each([
    ['/actions', [['/actions', 'current']]],
    ['/actions/12', [['/actions', 'active']]],
    ['/my-actions', [['/my-actions', 'current']]],
  ])('on %s marks the tracker or the team manager’s own actions', (path, expected) => {
    expect(marked(Role.TeamManager, path)).toEqual(expected);
  });

  it('shows no navigation to a visitor who has not signed in', () => {
    expect(navigationFor(undefined, '/login')).toEqual([]);
  });
});
