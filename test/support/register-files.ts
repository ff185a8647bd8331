/** Builds register files the way councils' systems write them, for the import tests. */
export interface CsvCase {
  ref: string;
  cohort: string;
  team: string;
  worker?: string;
  /** The worker's stable key (the register's worker_id), which links the case to its worker's user. */
  workerId?: string;
  openedOn?: string;
  closedOn?: string;
  teamManager?: string;
}

export function registerCsv(cases: CsvCase[]): string {
  const lines = ['case_ref,cohort,team,worker,worker_id,opened_on,closed_on,team_manager'];
  for (const c of cases) {
    lines.push(
      [
        c.ref,
        c.cohort,
        c.team,
        c.worker ?? '',
        c.workerId ?? '',
        c.openedOn ?? '2025-01-15',
        c.closedOn ?? '',
        c.teamManager ?? '',
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** `count` cases spread round-robin over the teams, cohort from each team's specialism. */
export function spreadCases(count: number, teams: [string, string][], prefix = 'C'): CsvCase[] {
  return Array.from({ length: count }, (_, i) => {
    const [team, cohort] = teams[i % teams.length];
    return {
      ref: `${prefix}${String(i + 1).padStart(5, '0')}`,
      cohort,
      team,
      worker: `${team} worker ${i % 3}`,
    };
  });
}
