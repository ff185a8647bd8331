import { actionMachine } from '../../../workflows/action.machine.js';
import type { AuthenticatedUser } from '../../auth/index.js';
import { DomainError, ErrorCode } from '../../common/index.js';
import { Role } from '../../org/index.js';
import { fieldError, type FieldMap, type FormErrors, mergeFormErrors } from '../../web/index.js';
import { managesAction, mayReadAction, mayVerifyAction, type ActionAccessFacts } from '../action-access.js';

/** The steps the action page has a form for, each posting to /actions/:id/<step>. */
export const FORM_STEPS = [
  'start',
  'progress',
  'done',
  'verify',
  'send-back',
  'chase',
  'reassign',
  'due-date',
  'cancel',
] as const;
export type FormStep = (typeof FORM_STEPS)[number];

const EVENT_OF: Record<FormStep, string> = {
  start: 'START',
  progress: 'RECORD_PROGRESS',
  done: 'MARK_DONE',
  verify: 'VERIFY',
  'send-back': 'SEND_BACK',
  chase: 'CHASE',
  reassign: 'REASSIGN',
  'due-date': 'MOVE_DUE_DATE',
  cancel: 'CANCEL',
};

/** The events the machine accepts in a state, read from the machine itself. */
function eventsIn(state: string): string[] {
  const node = (actionMachine.states as Record<string, { config: { on?: object } } | undefined>)[state];
  return Object.keys(node?.config.on ?? {});
}

/**
 * May this reader take this step on this action now? The machine says whether the state takes
 * the event; the same access rules as ActionsService say whether this person may send it, so the
 * page never offers a step the service would refuse.
 */
export function mayTake(
  step: FormStep,
  user: AuthenticatedUser,
  state: string,
  facts: ActionAccessFacts,
): boolean {
  if (!eventsIn(state).includes(EVENT_OF[step])) return false;
  switch (step) {
    case 'start':
    case 'progress':
    case 'done':
      return user.id === facts.ownerId;
    case 'verify':
    case 'send-back':
      return mayVerifyAction(user, facts);
    case 'chase':
      return (
        (user.role === Role.AdvancedPractitioner && mayReadAction(user, facts)) || managesAction(user, facts)
      );
    case 'reassign':
    case 'due-date':
    case 'cancel':
      return managesAction(user, facts);
  }
}

export function formsFor(user: AuthenticatedUser, state: string, facts: ActionAccessFacts) {
  return Object.fromEntries(FORM_STEPS.map((step) => [step, mayTake(step, user, state, facts)])) as Record<
    FormStep,
    boolean
  >;
}

/** What the forms post, kept as typed so a refused form shows it again (long text included). */
export interface ActionFormValues {
  note: string;
  whatWasDone: string;
  evidence: string;
  reason: string;
  ownerId: string;
  dueDay: string;
  dueMonth: string;
  dueYear: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function formValues(body: Record<string, unknown>): ActionFormValues {
  return {
    note: text(body.note),
    whatWasDone: text(body.whatWasDone),
    evidence: text(body.evidence),
    reason: text(body.reason),
    ownerId: text(body.ownerId),
    dueDay: text(body['dueOn-day']).trim(),
    dueMonth: text(body['dueOn-month']).trim(),
    dueYear: text(body['dueOn-year']).trim(),
  };
}

export const EMPTY_FORM: ActionFormValues = formValues({});

/** The version the form was opened with; a form without one is refused as stale. */
export function versionOf(body: Record<string, unknown>): number {
  return /^\d{1,9}$/.test(String(body.version)) ? Number(body.version) : 0;
}

/** The GOV.UK date input's three boxes as YYYY-MM-DD, or null when they are not a real day. */
export function dueOnOf(form: ActionFormValues): string | null {
  if (!/^\d{1,2}$/.test(form.dueDay) || !/^\d{1,2}$/.test(form.dueMonth) || !/^\d{4}$/.test(form.dueYear)) {
    return null;
  }
  const iso = `${form.dueYear}-${form.dueMonth.padStart(2, '0')}-${form.dueDay.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso) ? iso : null;
}

/** Each step's fields: the element id on the page (unique: three forms ask for a reason). */
const FIELD_IDS: Record<FormStep, Record<string, string>> = {
  start: {},
  progress: { note: 'progress-note' },
  done: { whatWasDone: 'done-what', evidence: 'done-evidence' },
  verify: {},
  'send-back': { reason: 'send-back-reason' },
  chase: {},
  reassign: { ownerId: 'reassign-owner' },
  'due-date': { dueOn: 'dueOn-day', reason: 'due-reason' },
  cancel: { reason: 'cancel-reason' },
};

/** Where a general refusal of a step is shown: its first field, else the forms' heading. */
export function fallbackIdOf(step: FormStep): string {
  return Object.values(FIELD_IDS[step])[0] ?? 'action-forms-heading';
}

export function fieldMapOf(step: FormStep): FieldMap {
  return { idFor: (field) => FIELD_IDS[step][field], messageFor: (field) => MISSING[step]?.[field] };
}

/** The page's own words for a blank field, as GOV.UK asks. */
const MISSING: Partial<Record<FormStep, Record<string, string>>> = {
  progress: { note: 'Enter a note of the progress' },
  done: { whatWasDone: 'Enter what was done', evidence: 'Enter the evidence of what was done' },
  'send-back': { reason: 'Enter why you are sending the action back' },
  reassign: { ownerId: 'Select the new owner' },
  'due-date': {
    reason: 'Enter why the due date is moving',
    dueOn: 'Enter a real due date, for example 27 3 2027',
  },
  cancel: { reason: 'Enter why the action is being cancelled' },
};

const blank = (value: string) => value.trim() === '';

/** What is missing, in the page's words, before the service's rules check the rest. */
export function missingFields(step: FormStep, form: ActionFormValues): FormErrors | null {
  const words = MISSING[step] ?? {};
  const ids = FIELD_IDS[step];
  const check = (field: string, missing: boolean) => (missing ? fieldError(ids[field], words[field]) : null);
  switch (step) {
    case 'progress':
      return check('note', blank(form.note));
    case 'done':
      return mergeFormErrors(
        check('whatWasDone', blank(form.whatWasDone)),
        check('evidence', blank(form.evidence)),
      );
    case 'send-back':
    case 'cancel':
      return check('reason', blank(form.reason));
    case 'reassign':
      return check('ownerId', !/^\d{1,9}$/.test(form.ownerId));
    case 'due-date':
      return mergeFormErrors(check('dueOn', dueOnOf(form) === null), check('reason', blank(form.reason)));
    default:
      return null;
  }
}

/** 409 for a stale form or a step the action's state no longer takes, else 422. */
export function statusOf(error: unknown): number {
  const conflicts = [ErrorCode.Conflict, ErrorCode.StaleUpdate, ErrorCode.IllegalTransition];
  return error instanceof DomainError && conflicts.includes(error.code) ? 409 : 422;
}

/** Someone changed the action since the page was opened: said in the page's words, with the page as it is now. */
export function conflictErrors(error: unknown): FormErrors | null {
  if (!(error instanceof DomainError)) return null;
  if (error.code !== ErrorCode.StaleUpdate && error.code !== ErrorCode.IllegalTransition) return null;
  return fieldError(
    'action-forms-heading',
    'Someone else changed this action after you opened it. The page now shows it as it is: check it and try again.',
  );
}

/** The success banner after each step, by the `done` query value. */
export const STEP_NOTICES: Record<FormStep, string> = {
  start: 'Work on the action has started.',
  progress: 'Your progress note has been recorded.',
  done: 'The action has been marked as done. It now waits for verification.',
  verify: 'The action has been verified and closed.',
  'send-back': 'The action has been sent back to its owner.',
  chase: 'The owner has been chased.',
  reassign: 'The action has a new owner.',
  'due-date': 'The due date has been moved.',
  cancel: 'The action has been cancelled.',
};
