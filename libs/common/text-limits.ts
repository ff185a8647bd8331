/**
 * The longest text each kind of column holds, in characters. The entities, the typed-input DTOs
 * and the register import all read these, so that a value one path accepts fits the column and
 * every other path accepts it too. Changing one needs a migration that widens the column.
 */
export const TEXT_LIMITS = {
  /** cases.case_ref */
  caseRef: 64,
  /** cohorts.code, cases.cohort_code, teams.cohort_code */
  cohortCode: 20,
  /** cohorts.title */
  cohortTitle: 100,
  /** teams.name */
  teamName: 120,
  /** localities.name */
  localityName: 100,
  /** users.display_name, cases.worker, cases.team_manager */
  personName: 120,
  /** users.worker_key, cases.worker_key: the register's worker id or e-mail */
  workerKey: 120,
} as const;
