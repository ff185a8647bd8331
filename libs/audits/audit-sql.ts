/**
 * The audits table and the columns other features may join to, named in this one place: the
 * actions tracker shows each action's case reference and filters by audit and cycle in one query.
 */
export const AUDIT_SQL = {
  audits: 'audits',
  id: 'id',
  caseRef: 'case_ref',
  cycleId: 'cycle_id',
} as const;
