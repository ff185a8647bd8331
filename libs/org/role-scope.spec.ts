import { Role } from './role.js';
import { roleScope, roleScopeProblems } from './role-scope.js';

describe('roleScope', () => {
  it.each([
    [Role.TeamManager, 'team'],
    [Role.SocialWorker, 'team'],
    [Role.HeadOfService, 'locality'],
    [Role.Administrator, 'none'],
    [Role.AdvancedPractitioner, 'none'],
    [Role.Director, 'none'],
  ])('%s is scoped to %s', (role, scope) => {
    expect(roleScope(role)).toBe(scope);
  });

  it.each([
    [Role.TeamManager, {}, ['team']],
    [Role.TeamManager, { team: 'North' }, []],
    [Role.HeadOfService, { team: 'North' }, ['locality']],
    [Role.HeadOfService, { locality: 'North' }, []],
    [Role.Moderator, {}, []],
  ])('%s given %j misses %j', (role, given, fields) => {
    expect(roleScopeProblems(role, given).map((p) => p.field)).toEqual(fields);
  });
});
