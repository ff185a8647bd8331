import { setup } from 'xstate';

/**
 * An escalation of unsafe practice found in an audit: raised by the auditor, acknowledged by
 * the head of service. Both moments are kept on the escalation row.
 */
export type EscalationEvent = { type: 'ACKNOWLEDGE'; by: number };

export const ESCALATION_MACHINE_ID = 'escalation';
export const ESCALATION_MACHINE_VERSION = '1';

export const escalationMachine = setup({
  types: { events: {} as EscalationEvent },
}).createMachine({
  id: ESCALATION_MACHINE_ID,
  version: ESCALATION_MACHINE_VERSION,
  initial: 'raised',
  states: {
    raised: { on: { ACKNOWLEDGE: 'acknowledged' } },
    acknowledged: { type: 'final' },
  },
});
