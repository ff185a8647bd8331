import type { Response } from 'supertest';
import { transition } from 'xstate';
import { stateKey } from '../../libs/persistence/state-key.js';
import { type AuditEvent, auditMachine } from '../../workflows/audit.machine.js';
import { AGREED_DISCUSSION, completeDraft } from './audit-fixtures.js';
import {
  type AuditPath,
  type AuditSnapshot,
  COHORT,
  type EventType,
  handledEvents,
  SECOND,
} from './audit-paths-model.js';
import type { TestApp } from './test-app.js';

/** How one generated path is driven: from which audit, in which cycle, by whom. */
export interface PathPlan {
  label: string;
  path: AuditPath;
  /** `moderated` sends every submitted audit to moderation; `confirmed` none beyond the quarterly one. */
  cycle: 'moderated' | 'confirmed';
  /** From an audit the draw allocated (its first ALLOCATE), or from one the draw left unallocated. */
  drawn: boolean;
  /** The users playing the path's first and second auditor. */
  auditors: [string, string];
}

interface Transition {
  event: string;
  fromState: string;
  toState: string;
}
interface AuditView {
  version: number;
  state: string;
  auditor: { id: number } | null;
  tool: object | null;
  moderation: object | null;
  history: Transition[];
}

/** Events the service sends itself, in the same request as SUBMIT: never an HTTP call of their own. */
const AUTOMATIC = new Set<string>(['SEND_TO_MODERATION', 'CONFIRM']);
const AUDITOR_EVENT_TYPES = [
  'START',
  'FINISH_GRADING',
  'REOPEN',
  'RECORD_DISCUSSION',
  'ESCALATE',
  'SUBMIT',
] as const satisfies readonly EventType[];
const AUDITOR_EVENTS = new Set<string>(AUDITOR_EVENT_TYPES);
/** The events that have an HTTP route (CLOSE has none: the audit closes when its last action does). */
export const HTTP_EVENTS = [
  ...AUDITOR_EVENT_TYPES,
  'ALLOCATE',
  'MODERATE',
  'WITHDRAW',
] as const satisfies readonly EventType[];
type HttpEvent = (typeof HTTP_EVENTS)[number];

/** A state the API never rests in: the service moves on from it within the request that entered it. */
export const isTransient = (key: string) => {
  const handled = [...handledEvents(key)];
  return handled.length > 0 && handled.every((type) => AUTOMATIC.has(type));
};

/** Drives generated paths through the HTTP API and records what it saw. */
export class AuditPathDriver {
  /** States each seen over HTTP: in `GET /audits/:id`, or for transient ones in the audit's history. */
  readonly reached = new Set<string>();
  /** Event types that moved an audit over HTTP (or, for automatic ones, were seen to follow SUBMIT). */
  readonly driven = new Set<string>();
  /** Event types probed in a state that refuses them. */
  readonly probed = new Set<string>();
  private readonly probedStates = new Set<string>();
  /** Auditors whose submission this quarter went to a moderator: after that the rate decides. */
  readonly moderatedThisQuarter = new Set<string>();

  constructor(
    private readonly t: TestApp,
    private readonly people: Map<string, { id: number; token: string }>,
    private readonly take: (plan: PathPlan) => number,
  ) {}

  async drive(plan: PathPlan): Promise<void> {
    const id = this.take(plan);
    const steps = plan.path.steps;
    let view = await this.show(id);
    let cursor = 0;
    // A drawn audit was allocated by the draw as it was created: the first step checks that its
    // history starts with that ALLOCATE, from unallocated.
    if (!plan.drawn) {
      expect(view.state).toBe('unallocated');
      expect(view.history[cursor++]).toMatchObject({ event: 'CREATE', toState: 'unallocated' });
      this.reached.add('unallocated');
      await this.probeRefusals(id, view, steps[0].state, plan);
    }
    for (let i = 1; i < steps.length; i++) {
      const { event, state } = steps[i];
      const from = stateKey(steps[i - 1].state.value);
      const to = stateKey(state.value);
      if (event.type === 'CLOSE') {
        await this.expectNoCloseRoute(id, from);
        return;
      }
      await this.perform(id, view, event, plan, i === 1);
      view = await this.show(id);
      expect(view.history[cursor++]).toMatchObject({ event: event.type, fromState: from, toState: to });
      this.driven.add(event.type);
      if (!isTransient(to)) {
        expect(view.state).toBe(to);
        this.reached.add(to);
        await this.probeRefusals(id, view, state, plan);
        continue;
      }
      // Submitted: the service sends SEND_TO_MODERATION or CONFIRM in the same request. The first
      // audit an auditor submits in a quarter always goes to a moderator; after that the cycle's
      // moderation rate decides (1 or 0 here, so each path knows which to expect).
      const submitter = this.usernameOf(view.auditor!.id);
      const followUp =
        plan.cycle === 'moderated' || !this.moderatedThisQuarter.has(submitter)
          ? 'SEND_TO_MODERATION'
          : 'CONFIRM';
      const [after] = transition(auditMachine, state, { type: followUp });
      expect(view.history[cursor]).toMatchObject({
        event: followUp,
        fromState: to,
        toState: stateKey(after.value),
      });
      expect(view.state).toBe(stateKey(after.value));
      if (followUp === 'SEND_TO_MODERATION') this.moderatedThisQuarter.add(submitter);
      this.reached.add(to);
    }
  }

  /** One machine event as the API's callers cause it. */
  private async perform(id: number, view: AuditView, event: AuditEvent, plan: PathPlan, first: boolean) {
    const as = (symbolic: number) => plan.auditors[symbolic === SECOND ? 1 : 0];
    switch (event.type) {
      case 'ALLOCATE':
        if (first && plan.drawn) return; // the draw did it
        return this.expectStatus(this.call('ALLOCATE', id, view, 'admin', as(event.auditorId)), 200);
      case 'SEND_TO_MODERATION':
      case 'CONFIRM':
        return; // sent by the service with SUBMIT
      case 'MODERATE':
        return this.expectStatus(this.call('MODERATE', id, view, 'moderator'), 200);
      case 'WITHDRAW':
        return this.expectStatus(this.call('WITHDRAW', id, view, 'admin'), 200);
      case 'FINISH_GRADING': {
        const draft = this.http('put', `audits/${id}/draft`, as(event.actorId), {
          version: view.version,
          ...completeDraft(COHORT),
          // An open action keeps the audit at completed: the path goes on from there, not closed.
          actions: [
            {
              what: 'Update the chronology',
              why: 'It stops in March',
              ownerId: this.people.get('owner')!.id,
              dueOn: '2027-01-31',
              successMeasure: 'Up to date at the next review',
            },
          ],
        });
        const saved = await this.expectStatus(draft, 200);
        return this.expectStatus(this.call('FINISH_GRADING', id, saved.body, as(event.actorId)), 200);
      }
      case 'ESCALATE':
        return this.expectStatus(this.call('ESCALATE', id, view, as(event.actorId)), 201);
      case 'CLOSE':
        throw new Error('CLOSE has no HTTP route');
      default:
        return this.expectStatus(this.call(event.type, id, view, as(event.actorId)), 200);
    }
  }

  /** The request for one event type; `target` is the auditor an ALLOCATE gives the audit to. */
  private call(type: HttpEvent, id: number, view: Pick<AuditView, 'version'>, who: string, target = 'cover') {
    const { version } = view;
    const requests: Record<HttpEvent, () => Promise<Response>> = {
      ALLOCATE: () =>
        this.http('post', `audits/${id}/reallocate`, who, {
          auditorId: this.people.get(target)!.id,
          reason: 'Path test: the audit changes hands',
        }),
      START: () => this.http('post', `audits/${id}/start`, who),
      FINISH_GRADING: () => this.http('post', `audits/${id}/finish-grading`, who, { version }),
      REOPEN: () => this.http('post', `audits/${id}/reopen`, who, { version }),
      RECORD_DISCUSSION: () =>
        this.http('put', `audits/${id}/discussion`, who, { ...AGREED_DISCUSSION, version }),
      ESCALATE: () =>
        this.http('post', `audits/${id}/escalations`, who, { reason: 'Child left with an unassessed adult' }),
      SUBMIT: () => this.http('post', `audits/${id}/submit`, who, { version }),
      MODERATE: () => this.http('post', `audits/${id}/moderation`, who, { overallGrade: 'good', version }),
      WITHDRAW: () =>
        this.http('post', `audits/${id}/withdraw`, who, { reason: 'Case closed before the audit' }),
    };
    return requests[type]();
  }

  /**
   * Each event type with a route that the state has no transition for, sent over HTTP: refused
   * with 409 naming the state and the event, and the audit left as it was. Once per machine state
   * (value and context), the first time a path rests in it.
   */
  private async probeRefusals(id: number, view: AuditView, snapshot: AuditSnapshot, plan: PathPlan) {
    const key = JSON.stringify([view.state, snapshot.context]);
    if (this.probedStates.has(key)) return;
    this.probedStates.add(key);
    const handled = handledEvents(view.state);
    const holder = view.auditor ? this.usernameOf(view.auditor.id) : plan.auditors[0];
    for (const type of HTTP_EVENTS.filter((e) => !handled.has(e))) {
      const who = AUDITOR_EVENTS.has(type) ? holder : type === 'MODERATE' ? 'moderator' : 'admin';
      const response = await this.call(type, id, view, who);
      const { status, body } = expectedRefusal(type, view);
      expect([type, response.status, response.body]).toEqual([type, status, expect.objectContaining(body)]);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      this.probed.add(type);
    }
    const after = await this.show(id);
    expect([after.state, after.version, after.history.length]).toEqual([
      view.state,
      view.version,
      view.history.length,
    ]);
  }

  /** CLOSE: no route on the audit; it closes by itself once its actions are resolved (the actions' routes). */
  private async expectNoCloseRoute(id: number, state: string) {
    expect(state).toBe('completed');
    const response = await this.http('post', `audits/${id}/close`, 'admin');
    expect([response.status, response.body.detail]).toEqual([404, `Cannot POST /api/v1/audits/${id}/close`]);
    expect((await this.show(id)).state).toBe('completed');
  }

  private async show(id: number): Promise<AuditView> {
    const response = await this.expectStatus(this.http('get', `audits/${id}`, 'admin'), 200);
    return response.body as AuditView;
  }

  private http(method: 'get' | 'post' | 'put', path: string, who: string, body?: object): Promise<Response> {
    const agent = this.t.http();
    const request = agent[method](`/api/v1/${path}`).set('Authorization', this.people.get(who)!.token);
    return body ? request.send(body) : request;
  }

  /** The status, with the body in the failure message when it is not the one expected. */
  private async expectStatus(request: Promise<Response>, status: number): Promise<Response> {
    const response = await request;
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    return response;
  }

  private usernameOf(id: number): string {
    return [...this.people].find(([, person]) => person.id === id)![0];
  }
}

/**
 * What the API answers to an event the state does not take: the machine's refusal, 409 naming the
 * state and the event, except where the API refuses the caller before it asks the machine.
 */
function expectedRefusal(type: HttpEvent, view: AuditView): { status: number; body: object } {
  // Someone with no part in an audit cannot tell it from a missing one (404): a would-be auditor
  // before anyone is allocated, the moderator before the audit is sent to them.
  if (
    (AUDITOR_EVENTS.has(type) && view.auditor === null) ||
    (type === 'MODERATE' && view.moderation === null)
  )
    return { status: 404, body: { code: 'NOT_FOUND' } };
  return { status: 409, body: { code: 'ILLEGAL_TRANSITION', state: view.state, event: type } };
}
