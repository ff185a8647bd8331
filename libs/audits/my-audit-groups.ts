/**
 * The auditor's own audits, grouped as they think of them: to start, drafts, waiting for the
 * discussion, with the moderator, done. Each machine state an auditor's audit can rest in
 * belongs to one group; unallocated and withdrawn audits are no auditor's work, so in none.
 * The spec checks this against the audit machine's states, so a new state cannot be forgotten.
 */
export const MY_AUDIT_GROUPS = ['toStart', 'drafts', 'awaitingDiscussion', 'inModeration', 'done'] as const;
export type MyAuditGroup = (typeof MY_AUDIT_GROUPS)[number];

export const STATES_OF_GROUP: Record<MyAuditGroup, readonly string[]> = {
  toStart: ['allocated'],
  drafts: ['inProgress'],
  awaitingDiscussion: ['awaitingDiscussion'],
  // Submitted is transient (routed at once to a moderator or confirmed), but may be seen.
  inModeration: ['submitted', 'inModeration'],
  done: ['completed', 'closed'],
};

/** States in no group: nobody is auditing them. */
export const UNGROUPED_STATES: readonly string[] = ['unallocated', 'withdrawn'];

export function groupOfState(state: string): MyAuditGroup | undefined {
  return MY_AUDIT_GROUPS.find((group) => STATES_OF_GROUP[group].includes(state));
}

/** The open groups read soonest deadline first; done reads newest cycle first. */
export function isOpenGroup(group: MyAuditGroup): boolean {
  return group !== 'done';
}
