import type { CycleStratum } from './cycle.entity.js';
import type { CycleDraw, ResolvedCycleRequest } from './cycle-draw.js';

/** How many audits the draw gives one auditor, beside what they already hold. */
export interface PreviewAuditor {
  auditorId: number;
  username: string;
  displayName: string;
  role: string;
  /** Audits still open from earlier cycles. */
  openAudits: number;
  tier2: number;
  tier3: number;
  total: number;
}

/** A case of the sample that no one may take, and why. */
export interface PreviewUnallocated {
  caseRef: string;
  team: string;
  cohort: string;
  reason: string;
}

/**
 * What opening the cycle would do, written nowhere: the settings with every default filled in
 * (the seed above all), the strata, the audits per auditor and the cases no one can take.
 * `previewDigest` is what `POST cycles` takes to open exactly this sample.
 */
export interface CyclePreview {
  settings: ResolvedCycleRequest;
  open: number;
  eligible: number;
  selected: number;
  tier3: number;
  strata: CycleStratum[];
  auditors: PreviewAuditor[];
  unallocated: PreviewUnallocated[];
  previewDigest: string;
}

export function previewOf(draw: CycleDraw): CyclePreview {
  const auditors = new Map<number, PreviewAuditor>();
  for (const a of [...draw.auditors.main, ...draw.auditors.tier3]) {
    if (auditors.has(a.id)) continue;
    auditors.set(a.id, {
      auditorId: a.id,
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      openAudits: a.openAudits,
      tier2: 0,
      tier3: 0,
      total: 0,
    });
  }
  const unallocated: PreviewUnallocated[] = [];
  for (const audit of draw.audits) {
    if (audit.auditorId === null) {
      unallocated.push({
        caseRef: audit.caseRef,
        team: audit.team,
        cohort: audit.cohortCode,
        reason: audit.unallocatedReason ?? 'no auditor may take it',
      });
      continue;
    }
    const line = auditors.get(audit.auditorId)!;
    if (audit.tier === 3) line.tier3 += 1;
    else line.tier2 += 1;
    line.total += 1;
  }
  return {
    settings: draw.settings,
    open: draw.outcome.open,
    eligible: draw.outcome.eligible,
    selected: draw.audits.length,
    tier3: draw.audits.filter((a) => a.tier === 3 && a.auditorId !== null).length,
    strata: draw.strata,
    auditors: [...auditors.values()].sort(
      (a, b) => b.total - a.total || a.displayName.localeCompare(b.displayName) || a.auditorId - b.auditorId,
    ),
    unallocated: unallocated.sort((a, b) => a.caseRef.localeCompare(b.caseRef)),
    previewDigest: draw.digest,
  };
}
