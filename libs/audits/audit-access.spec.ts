import type { AuthenticatedUser } from '../auth/index.js';
import { Role } from '../org/index.js';
import { auditAccess, type AuditAccessFacts, auditReadScope } from './audit-access.js';

const user = (role: Role, over: Partial<AuthenticatedUser> = {}): AuthenticatedUser => ({
  id: 7,
  username: 'u',
  displayName: 'North CIN 1 Worker 2',
  role,
  teamId: 3,
  localityId: 2,
  ...over,
});

const audit = (over: Partial<AuditAccessFacts> = {}): AuditAccessFacts => ({
  state: 'completed',
  auditorId: 100,
  moderatorId: null,
  teamId: 3,
  localityId: 2,
  caseWorkerId: null,
  ...over,
});

describe('auditAccess: who may read an audit', () => {
  it.each([
    ['the administrator, anywhere', user(Role.Administrator, { localityId: 9 }), audit(), 'full'],
    ['the director, anywhere', user(Role.Director, { localityId: null }), audit(), 'full'],
    ['its auditor', user(Role.SeniorManager), audit({ auditorId: 7, state: 'inProgress' }), 'full'],
    ['its moderator', user(Role.Moderator), audit({ moderatorId: 7, state: 'inModeration' }), 'full'],
    ['a senior manager who is neither', user(Role.SeniorManager), audit(), 'none'],
    ['the head of service of its locality', user(Role.HeadOfService), audit({ state: 'allocated' }), 'full'],
    ['a head of service of another locality', user(Role.HeadOfService, { localityId: 5 }), audit(), 'none'],
    [
      'a head of service with no locality',
      user(Role.HeadOfService, { localityId: null }),
      audit({ localityId: null }),
      'none',
    ],
    ['its team manager once submitted', user(Role.TeamManager), audit(), 'case-team'],
    ['its team manager before', user(Role.TeamManager), audit({ state: 'inProgress' }), 'none'],
    ['another team’s manager', user(Role.TeamManager, { teamId: 4 }), audit(), 'none'],
    ['the worker holding the case’s key', user(Role.SocialWorker), audit({ caseWorkerId: 7 }), 'case-team'],
    [
      'that worker before submission',
      user(Role.SocialWorker),
      audit({ caseWorkerId: 7, state: 'inProgress' }),
      'none',
    ],
    [
      'a worker of the same name without the key',
      user(Role.SocialWorker),
      audit({ caseWorkerId: 8 }),
      'none',
    ],
    ['a worker when no one holds the key', user(Role.SocialWorker), audit(), 'none'],
  ])('%s', (_who, reader, facts, expected) => {
    expect(auditAccess(reader, facts)).toBe(expected);
  });
});

describe('auditReadScope: the same rule as SQL', () => {
  it.each([
    [Role.Administrator, '(1 = 1)'],
    [Role.SeniorManager, '(a.auditor_id = :scopeUser OR a.moderator_id = :scopeUser)'],
  ])('for a %s', (role, sql) => {
    expect(auditReadScope(user(role)).sql).toBe(sql);
  });

  it('narrows a head of service to their locality’s teams and a worker to the cases of their key', () => {
    expect(auditReadScope(user(Role.HeadOfService)).sql).toContain('lt.locality_id = :scopeLocality');
    const worker = auditReadScope(user(Role.SocialWorker));
    expect(worker.sql).toContain('wu.worker_key = wc.worker_key');
    expect(worker.params).toMatchObject({ scopeUser: 7 });
  });
});
