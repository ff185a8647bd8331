import { and, assertEvent, assign, setup } from 'xstate';
import type { AuditToolDefinition } from './audit-tool-definition.js';
import type { AuditDraft, Discussion } from './audit-draft.js';
import { discussionProblems } from './rules/discussion-problems.js';
import { gradingProblems } from './rules/grading-problems.js';

/**
 * One case's audit, from allocation to closure.
 *
 * unallocated → allocated → inProgress ⇄ awaitingDiscussion → submitted → (inModeration) →
 * completed → closed; withdrawn (with a reason) from unallocated, allocated or inProgress.
 *
 * The grades themselves live on the audit row; the machine's guards hold the rules, judging the
 * draft and tool that the service passes in the event. "completed" means the grades stand;
 * "closed" means every action from the audit is closed too.
 */
export interface AuditContext {
  auditorId: number | null;
  escalations: number;
  discussionRecorded: boolean;
  moderated: boolean;
  withdrawnReason: string | null;
}

interface Grading {
  tool: AuditToolDefinition;
  cohort: string;
  draft: AuditDraft;
}

export type AuditEvent =
  | { type: 'ALLOCATE'; auditorId: number }
  | { type: 'START'; actorId: number }
  | ({ type: 'FINISH_GRADING'; actorId: number } & Grading)
  | { type: 'REOPEN'; actorId: number }
  | { type: 'RECORD_DISCUSSION'; actorId: number; discussion: Discussion }
  | ({ type: 'SUBMIT'; actorId: number } & Grading)
  | { type: 'ESCALATE'; actorId: number }
  | { type: 'SEND_TO_MODERATION' }
  | { type: 'CONFIRM' }
  | { type: 'MODERATE'; moderatorId: number }
  | { type: 'WITHDRAW'; reason: string }
  | { type: 'CLOSE'; openActions: number };

export const AUDIT_MACHINE_ID = 'audit';
export const AUDIT_MACHINE_VERSION = '2';

/**
 * What each state means, as state tags (the one list: SQL filters and access checks derive
 * their state lists with statesTagged). Every state is exactly one of `open` or `resolved`.
 */
export const AuditTag = {
  /** Not yet completed or withdrawn: it holds its cycle open. */
  Open: 'open',
  /** Completed, closed or withdrawn: it no longer holds its cycle open. */
  Resolved: 'resolved',
  /** Allocated and not yet through moderation: it counts towards its auditor's load. */
  CountsTowardsLoad: 'countsTowardsLoad',
  /** Submitted or later (not withdrawn): the case's team manager and social worker may read it. */
  VisibleToCaseTeam: 'visibleToCaseTeam',
  /** Started and not closed: feedback from the child or family may be recorded. */
  TakesFamilyFeedback: 'takesFamilyFeedback',
  /** Being graded: the grading rules are checked before FINISH_GRADING or SUBMIT. */
  Grading: 'grading',
  /** Drawn and not withdrawn: the case counts as audited in its cycle's month. */
  CountsAsAudited: 'countsAsAudited',
  /** Started by its auditor (in progress or further on), not withdrawn: its cycle is under way. */
  Started: 'started',
  /** Waiting for an auditor. */
  AwaitingAuditor: 'awaitingAuditor',
  /** Has an auditor and was not withdrawn: it counts as allocated in its cycle's figures. */
  WithAuditor: 'withAuditor',
  /** Closed or withdrawn: nothing more happens to it; its cycle closes once every audit is. */
  Finished: 'finished',
  /** Its grades stand and it waits only for its actions: it closes once none is open. */
  AwaitingActions: 'awaitingActions',
} as const;

const T = AuditTag;

export const auditMachine = setup({
  types: { context: {} as AuditContext, events: {} as AuditEvent },
  guards: {
    byAllocatedAuditor: ({ context, event }) => 'actorId' in event && event.actorId === context.auditorId,
    gradingComplete: ({ context, event }) => {
      assertEvent(event, ['FINISH_GRADING', 'SUBMIT']);
      return gradingProblems(event.tool, event.cohort, event.draft, context.escalations).length === 0;
    },
    discussionComplete: ({ event }) => {
      assertEvent(event, 'RECORD_DISCUSSION');
      return discussionProblems(event.discussion).length === 0;
    },
    discussionRecorded: ({ context }) => context.discussionRecorded,
    notTheAuditor: ({ context, event }) => {
      assertEvent(event, 'MODERATE');
      return event.moderatorId !== context.auditorId;
    },
    hasReason: ({ event }) => {
      assertEvent(event, 'WITHDRAW');
      return event.reason.trim().length > 0;
    },
    noOpenActions: ({ event }) => {
      assertEvent(event, 'CLOSE');
      return event.openActions === 0;
    },
  },
  actions: {
    assignAuditor: assign({
      auditorId: ({ event }) => {
        assertEvent(event, 'ALLOCATE');
        return event.auditorId;
      },
    }),
    countEscalation: assign({ escalations: ({ context }) => context.escalations + 1 }),
    markDiscussionRecorded: assign({ discussionRecorded: true }),
    // Grades changed after the discussion must be discussed again before they are submitted.
    forgetDiscussion: assign({ discussionRecorded: false }),
    markModerated: assign({ moderated: true }),
    recordWithdrawal: assign({
      withdrawnReason: ({ event }) => {
        assertEvent(event, 'WITHDRAW');
        return event.reason;
      },
    }),
  },
}).createMachine({
  id: AUDIT_MACHINE_ID,
  version: AUDIT_MACHINE_VERSION,
  initial: 'unallocated',
  context: {
    auditorId: null,
    escalations: 0,
    discussionRecorded: false,
    moderated: false,
    withdrawnReason: null,
  },
  states: {
    unallocated: {
      tags: [T.Open, T.CountsAsAudited, T.AwaitingAuditor],
      on: {
        ALLOCATE: { target: 'allocated', actions: 'assignAuditor' },
        WITHDRAW: { guard: 'hasReason', target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    allocated: {
      tags: [T.Open, T.CountsAsAudited, T.WithAuditor, T.CountsTowardsLoad],
      on: {
        ALLOCATE: { actions: 'assignAuditor' },
        START: { guard: 'byAllocatedAuditor', target: 'inProgress' },
        WITHDRAW: { guard: 'hasReason', target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    inProgress: {
      tags: [
        T.Open,
        T.CountsAsAudited,
        T.WithAuditor,
        T.CountsTowardsLoad,
        T.TakesFamilyFeedback,
        T.Grading,
        T.Started,
      ],
      on: {
        FINISH_GRADING: {
          guard: and(['byAllocatedAuditor', 'gradingComplete']),
          target: 'awaitingDiscussion',
        },
        ESCALATE: { guard: 'byAllocatedAuditor', actions: 'countEscalation' },
        WITHDRAW: { guard: 'hasReason', target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    awaitingDiscussion: {
      tags: [
        T.Open,
        T.CountsAsAudited,
        T.WithAuditor,
        T.CountsTowardsLoad,
        T.TakesFamilyFeedback,
        T.Grading,
        T.Started,
      ],
      on: {
        RECORD_DISCUSSION: {
          guard: and(['byAllocatedAuditor', 'discussionComplete']),
          actions: 'markDiscussionRecorded',
        },
        REOPEN: { guard: 'byAllocatedAuditor', target: 'inProgress', actions: 'forgetDiscussion' },
        ESCALATE: { guard: 'byAllocatedAuditor', actions: 'countEscalation' },
        SUBMIT: {
          guard: and(['byAllocatedAuditor', 'discussionRecorded', 'gradingComplete']),
          target: 'submitted',
        },
      },
    },
    submitted: {
      tags: [
        T.Open,
        T.CountsAsAudited,
        T.WithAuditor,
        T.CountsTowardsLoad,
        T.TakesFamilyFeedback,
        T.VisibleToCaseTeam,
        T.Started,
      ],
      on: { SEND_TO_MODERATION: 'inModeration', CONFIRM: 'completed' },
    },
    inModeration: {
      tags: [
        T.Open,
        T.CountsAsAudited,
        T.WithAuditor,
        T.CountsTowardsLoad,
        T.TakesFamilyFeedback,
        T.VisibleToCaseTeam,
        T.Started,
      ],
      on: { MODERATE: { guard: 'notTheAuditor', target: 'completed', actions: 'markModerated' } },
    },
    completed: {
      tags: [
        T.Resolved,
        T.CountsAsAudited,
        T.WithAuditor,
        T.TakesFamilyFeedback,
        T.VisibleToCaseTeam,
        T.Started,
        T.AwaitingActions,
      ],
      on: { CLOSE: { guard: 'noOpenActions', target: 'closed' } },
    },
    closed: {
      type: 'final',
      tags: [T.Resolved, T.CountsAsAudited, T.WithAuditor, T.VisibleToCaseTeam, T.Started, T.Finished],
    },
    withdrawn: { type: 'final', tags: [T.Resolved, T.Finished] },
  },
});
