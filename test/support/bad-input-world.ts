import type { AuditLine } from '../../libs/cycles/cycle-document.js';
import { allPages } from './pages.js';
import { registerCsv } from './register-files.js';
import { loginAs, newOrg, newUser, Role, startTestApp, type TestApp } from './test-app.js';

/** A small council for throwing bad input at: one CP team, its cases, a cycle and a started audit. */
export interface BadInputWorld {
  t: TestApp;
  admin: string;
  auditor: string;
  moderator: string;
  /** Audits allocated to "auditor"; the first is started (in progress, version 2). */
  auditIds: number[];
  /** The month of the cycle already open: a second monthly cycle for it is a 409. */
  month: string;
}

export async function badInputWorld(databaseUrl: string): Promise<BadInputWorld> {
  const t = await startTestApp(databaseUrl);
  const org = await newOrg(t.db, [
    ['North CP', 'North', 'CP'],
    ['East CLA', 'East', 'CLA'],
  ]);
  await newUser(t.db, { username: 'admin', role: Role.Administrator });
  await newUser(t.db, {
    username: 'auditor',
    role: Role.AdvancedPractitioner,
    teamId: org.teams.get('East CLA')!,
  });
  await newUser(t.db, { username: 'moderator', role: Role.Moderator });
  const [admin, auditor, moderator] = [
    await loginAs(t, 'admin'),
    await loginAs(t, 'auditor'),
    await loginAs(t, 'moderator'),
  ];
  const cases = Array.from({ length: 8 }, (_, i) => ({ ref: `CP-${i + 1}`, cohort: 'CP', team: 'North CP' }));
  await t
    .http()
    .post('/api/v1/cases/import')
    .set('Authorization', admin)
    .field('asOf', '2026-11-30')
    .attach('files', Buffer.from(registerCsv(cases)), 'register.csv')
    .expect(201);
  const month = '2026-12';
  const cycle = await t
    .http()
    .post('/api/v1/cycles')
    .set('Authorization', admin)
    .send({ month, count: 8, tier3Count: 0, seed: 'bad-input' })
    .expect(201);
  const auditIds = (await allPages<AuditLine>(t, `/api/v1/cycles/${cycle.body.id}/audits`, admin)).map(
    (a) => a.auditId,
  );
  await t.http().post(`/api/v1/audits/${auditIds[0]}/start`).set('Authorization', auditor).expect(200);
  return { t, admin, auditor, moderator, auditIds, month };
}
