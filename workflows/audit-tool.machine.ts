import { assertEvent, setup } from 'xstate';

/**
 * One version of an audit tool: draft → published → retired.
 *
 * A draft is edited as often as needed and published once its definition has no problems; a
 * published version is frozen (audits pin it) until it is retired, and a retired version is kept
 * for the audits graded with it. The definition and the publication times live on the row; the
 * machine holds no context, so nothing in the snapshot can drift from what the row says.
 */
export type AuditToolEvent =
  | { type: 'EDIT' }
  /** `problems`: how many problems validation found in the definition being published. */
  | { type: 'PUBLISH'; problems: number }
  /**
   * `mustStayPublished`: this version's key needs a published version at all times (the
   * standard tool); `otherPublished`: how many other versions of the key are published.
   */
  | { type: 'RETIRE'; mustStayPublished: boolean; otherPublished: number };

export const AUDIT_TOOL_MACHINE_ID = 'auditTool';
export const AUDIT_TOOL_MACHINE_VERSION = '1';

export const auditToolMachine = setup({
  types: { context: {} as Record<string, never>, events: {} as AuditToolEvent },
  guards: {
    definitionHasNoProblems: ({ event }) => {
      assertEvent(event, 'PUBLISH');
      return event.problems === 0;
    },
    anotherVersionStaysPublished: ({ event }) => {
      assertEvent(event, 'RETIRE');
      return !event.mustStayPublished || event.otherPublished > 0;
    },
  },
}).createMachine({
  id: AUDIT_TOOL_MACHINE_ID,
  version: AUDIT_TOOL_MACHINE_VERSION,
  initial: 'draft',
  context: {},
  states: {
    draft: {
      on: {
        EDIT: { target: 'draft' },
        PUBLISH: { guard: 'definitionHasNoProblems', target: 'published' },
      },
    },
    published: {
      on: { RETIRE: { guard: 'anotherVersionStaysPublished', target: 'retired' } },
    },
    retired: { type: 'final' },
  },
});

export type AuditToolState = 'draft' | 'published' | 'retired';
