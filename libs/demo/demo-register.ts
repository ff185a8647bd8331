/**
 * A made-up council: three localities of five teams, and a register of open cases generated
 * from a fixed seed, so every newcomer's demo holds the same data. No real names anywhere.
 */
export const DEMO_LOCALITIES = ['North', 'Central', 'East'];

const TEAM_SHAPES = [
  { suffix: 'CIN 1', cohort: 'CIN', cases: 190 },
  { suffix: 'CIN 2', cohort: 'CIN', cases: 170 },
  { suffix: 'CP', cohort: 'CP', cases: 150 },
  { suffix: 'CLA', cohort: 'CLA', cases: 160 },
  { suffix: 'Care Leavers', cohort: 'CL', cases: 110 },
];

export interface DemoTeam {
  name: string;
  locality: string;
  cohort: string;
  cases: number;
}

export const DEMO_TEAMS: DemoTeam[] = DEMO_LOCALITIES.flatMap((locality) =>
  TEAM_SHAPES.map((shape) => ({
    name: `${locality} ${shape.suffix}`,
    locality,
    cohort: shape.cohort,
    cases: shape.cases,
  })),
);

export const WORKERS_PER_TEAM = 5;

export const workerName = (team: string, n: number) => `${team} Worker ${n}`;
/** The register's worker id for a demo worker: their user is linked to their cases by it, not by name. */
export const workerId = (team: string, n: number) =>
  `${team.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-w${n}`;
export const managerName = (team: string) => `${team} Manager`;

/** mulberry32: small, fast and good enough to make demo data varied yet fixed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The demo register as CSV, the format councils export most, so the demo exercises the importer. */
export function demoRegisterCsv(asOf: string): string {
  const random = mulberry32(20261122);
  const lines = ['case_ref,cohort,team,worker,worker_id,opened_on,closed_on,locality,team_manager'];
  const end = Date.parse(`${asOf}T00:00:00Z`);
  let ref = 100000;
  for (const team of DEMO_TEAMS) {
    for (let i = 0; i < team.cases; i++) {
      ref += 1 + Math.floor(random() * 3);
      // Most cases carry the team's cohort; a few are of another, as on real registers.
      const cohort = random() < 0.9 ? team.cohort : ['CIN', 'CP', 'CLA', 'CL'][Math.floor(random() * 4)];
      const opened = new Date(end - Math.floor(random() * 900 + 20) * 86_400_000).toISOString().slice(0, 10);
      const n = 1 + Math.floor(random() * WORKERS_PER_TEAM);
      const worker = [workerName(team.name, n), workerId(team.name, n)];
      lines.push(
        [`DEMO-${ref}`, cohort, team.name, ...worker, opened, '', team.locality, managerName(team.name)].join(
          ',',
        ),
      );
    }
  }
  return lines.join('\n') + '\n';
}
