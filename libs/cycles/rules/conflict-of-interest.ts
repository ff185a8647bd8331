import { normaliseName } from '../../common/index.js';

/** Who may not audit a case: its own worker, or anyone who manages its team. */
export interface AuditorProfile {
  id: number;
  role: string;
  teamId: number | null;
  /** Names the person is known by (username, display name); normalised again before comparing. */
  identities: readonly string[];
  /** The register's worker key the person holds (users.worker_key), if any. */
  workerKey?: string | null;
}

export interface CaseForAllocation {
  caseId: number;
  caseRef: string;
  teamId: number;
  worker: string | null;
  /** The register's key for the case's worker (cases.worker_key), if the file gave one. */
  workerKey?: string | null;
  teamManager: string | null;
}

export type Conflict = 'is the case worker' | 'manages the case team';

/** An auditor's names, normalised once: allocation checks thousands of cases against each. */
export interface PreparedAuditor {
  role: string;
  teamId: number | null;
  identities: ReadonlySet<string>;
  workerKey: string | null;
}

export interface PreparedCase {
  teamId: number;
  worker: string;
  workerKey: string | null;
  teamManager: string;
}

export function prepareAuditor(auditor: AuditorProfile): PreparedAuditor {
  const identities = new Set(auditor.identities.map(normaliseName));
  identities.delete('');
  return { role: auditor.role, teamId: auditor.teamId, identities, workerKey: auditor.workerKey ?? null };
}

export function prepareCase(c: CaseForAllocation): PreparedCase {
  return {
    teamId: c.teamId,
    worker: normaliseName(c.worker),
    workerKey: c.workerKey ?? null,
    teamManager: normaliseName(c.teamManager),
  };
}

export function conflictBetween(auditor: PreparedAuditor, c: PreparedCase): Conflict | null {
  // By the register's key, whatever either name says; by name as well, where the file has no key.
  if (c.workerKey !== null && c.workerKey === auditor.workerKey) return 'is the case worker';
  if (c.worker && auditor.identities.has(c.worker)) return 'is the case worker';
  if (auditor.role === 'team_manager' && auditor.teamId === c.teamId) return 'manages the case team';
  if (c.teamManager && auditor.identities.has(c.teamManager)) return 'manages the case team';
  return null;
}

/** Identities are normalised here too: a caller that forgets must not let a conflict through. */
export function conflictOfInterest(auditor: AuditorProfile, c: CaseForAllocation): Conflict | null {
  return conflictBetween(prepareAuditor(auditor), prepareCase(c));
}
