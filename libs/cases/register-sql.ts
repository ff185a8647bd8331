/**
 * The register's table and the columns other features may join to, named in this one place.
 * Audits join a case for its reference and worker in single queries on their hot paths (a read
 * function per row would cost more than the join), so they take these names from the register
 * rather than writing them: a change to how the register stores a case is made here.
 */
export const REGISTER_SQL = {
  cases: 'cases',
  id: 'id',
  caseRef: 'case_ref',
  worker: 'worker',
  workerKey: 'worker_key',
} as const;
