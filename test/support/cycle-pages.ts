import { Audit } from '../../libs/audits/audit.entity.js';
import { sampleDigest } from '../../libs/cycles/cycle-draw.js';
import { newCase } from './factories.js';
import { loginAs, newOrg, newUser, Role, type TestApp } from './test-app.js';

/**
 * A small council for the cycle pages: two teams, auditors of each kind, and one case nobody in
 * the main pool may take (its worker and its named manager are the two advanced practitioners,
 * and the only team manager manages its team).
 */
export async function cycleCouncil(t: TestApp) {
  const org = await newOrg(t.db, [
    ['North CP', 'North', 'CP'],
    ['East CLA', 'East', 'CLA'],
  ]);
  const north = org.teams.get('North CP')!;
  const east = org.teams.get('East CLA')!;
  const users = {
    admin: await newUser(t.db, { username: 'admin', displayName: 'Ada Admin', role: Role.Administrator }),
    director: await newUser(t.db, { username: 'dcs', displayName: 'Dee Director', role: Role.Director }),
    hos: await newUser(t.db, { username: 'hos', displayName: 'Hal Head', role: Role.HeadOfService }),
    sw: await newUser(t.db, {
      username: 'sw',
      displayName: 'Sam Worker',
      role: Role.SocialWorker,
      teamId: north,
    }),
    apOne: await newUser(t.db, {
      username: 'ap.one',
      displayName: 'AP One',
      role: Role.AdvancedPractitioner,
    }),
    apTwo: await newUser(t.db, {
      username: 'ap.two',
      displayName: 'AP Two',
      role: Role.AdvancedPractitioner,
    }),
    tmNorth: await newUser(t.db, {
      username: 'tm.north',
      displayName: 'Tia North',
      role: Role.TeamManager,
      teamId: north,
    }),
  };
  for (let i = 0; i < 12; i++) await newCase(t.db, { teamId: north, cohortCode: 'CP', worker: 'Sam Worker' });
  for (let i = 0; i < 8; i++)
    await newCase(t.db, { teamId: east, cohortCode: 'CLA', worker: 'Someone Else' });
  const lonely = await newCase(t.db, {
    teamId: north,
    cohortCode: 'CP',
    worker: 'AP One',
    teamManager: 'AP Two',
  });
  return { north, east, users, lonely, admin: await loginAs(t, 'admin') };
}

/** Rows in the tables a cycle's opening writes. */
export async function writtenRows(t: TestApp): Promise<number[]> {
  return t.db.read(async (m) => {
    const counts: number[] = [];
    for (const table of ['cycles', 'audits', 'workflow_transitions']) {
      const [{ n }] = await m.query(`SELECT COUNT(*) AS n FROM ${table}`);
      counts.push(Number(n));
    }
    return counts;
  });
}

/** The digest of the sample a cycle opened, as the preview computes it. */
export async function openedDigest(t: TestApp, cycleId: number): Promise<string> {
  const audits = await t.db.read((m) => m.findBy(Audit, { cycleId }));
  return sampleDigest(audits);
}

/** The value of a hidden field on a page, unescaped. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`the page has no field ${name}`);
  return match[1]
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
