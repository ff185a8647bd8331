import type { Response } from 'supertest';
import type { AuditPart } from '../../libs/audits/rules/audit-changes.js';
import { AGREED_DISCUSSION, completeDraft } from './audit-fixtures.js';
import type { WalkAudit } from './audit-walk.js';
import { TEST_TODAY } from './test-app.js';

/**
 * Every write route on an audit, as the walk sends it (audit-after-submit.e2e-spec.ts): who sends
 * it, what it changes (a part of the audit under rules/audit-changes.ts, or one of the audit's own
 * steps, which the machine allows or not), and a request with valid content.
 */
export type Who = 'auditor' | 'admin' | 'moderator' | 'director';
export type Expected =
  | { part: AuditPart; changedThrough?: 'REOPEN' }
  | { event: 'START' | 'FINISH_GRADING' | 'REOPEN' | 'SUBMIT' }
  | 'ack';
export interface Call {
  audit: WalkAudit;
  version: number;
  api: (who: Who, method: 'post' | 'put', path: string, body?: object) => Promise<Response>;
  page: (who: Who, path: string, form?: Record<string, string>) => Promise<Response>;
  relief: number;
}
export interface WriteRoute {
  who: Who;
  expected: Expected;
  send: (c: Call) => Promise<Response>;
}

const [year, month, day] = TEST_TODAY.split('-');
export const CHANGED = { from: 'The mother', how: 'A telephone call', said: 'Things are better at home now' };
const DISCUSSION_FORM = {
  happened: 'yes',
  'heldOn-day': day,
  'heldOn-month': month,
  'heldOn-year': year,
  summary: 'Went through the findings again',
  workerReflection: 'Will visit more often',
  agreement: 'partly',
  disagreement: 'The chronology is up to date',
};
const v = (c: Call) => String(c.version);
/** The moderation form, agreeing with every grade the auditor gave. */
const AGREE_ALL = Object.fromEntries([
  ['overall', 'agree'],
  ...Object.keys(completeDraft('CP').domains!).map((key) => [`domain-${key}`, 'agree']),
]);

export const ROUTES: Record<string, WriteRoute> = {
  'POST /api/v1/audits/:id/start': {
    who: 'auditor',
    expected: { event: 'START' },
    send: (c) => c.api('auditor', 'post', `audits/${c.audit.id}/start`),
  },
  'PUT /api/v1/audits/:id/draft': {
    who: 'auditor',
    expected: { part: 'grading' },
    send: (c) =>
      c.api('auditor', 'put', `audits/${c.audit.id}/draft`, {
        version: c.version,
        ...completeDraft('CP', { rationale: 'Rewritten after the event' }),
      }),
  },
  'POST /api/v1/audits/:id/finish-grading': {
    who: 'auditor',
    expected: { event: 'FINISH_GRADING' },
    send: (c) => c.api('auditor', 'post', `audits/${c.audit.id}/finish-grading`, { version: c.version }),
  },
  'POST /api/v1/audits/:id/reopen': {
    who: 'auditor',
    expected: { event: 'REOPEN' },
    send: (c) => c.api('auditor', 'post', `audits/${c.audit.id}/reopen`, { version: c.version }),
  },
  'PUT /api/v1/audits/:id/discussion': {
    who: 'auditor',
    expected: { part: 'discussion' },
    send: (c) =>
      c.api('auditor', 'put', `audits/${c.audit.id}/discussion`, {
        ...AGREED_DISCUSSION,
        summary: 'Went through the findings again',
        version: c.version,
      }),
  },
  'PUT /api/v1/audits/:id/family-feedback': {
    who: 'auditor',
    expected: { part: 'familyFeedback' },
    send: (c) =>
      c.api('auditor', 'put', `audits/${c.audit.id}/family-feedback`, { ...CHANGED, version: c.version }),
  },
  'POST /api/v1/audits/:id/submit': {
    who: 'auditor',
    expected: { event: 'SUBMIT' },
    send: (c) => c.api('auditor', 'post', `audits/${c.audit.id}/submit`, { version: c.version }),
  },
  'POST /api/v1/audits/:id/escalations': {
    who: 'auditor',
    expected: { part: 'escalation' },
    send: (c) =>
      c.api('auditor', 'post', `audits/${c.audit.id}/escalations`, { reason: 'No visits for a month' }),
  },
  'POST /api/v1/audits/:id/moderation': {
    who: 'moderator',
    expected: { part: 'moderation' },
    send: (c) =>
      c.api('moderator', 'post', `audits/${c.audit.id}/moderation`, {
        overallGrade: 'requires_improvement',
        version: c.version,
      }),
  },
  'POST /api/v1/audits/:id/reallocate': {
    who: 'admin',
    expected: { part: 'allocation' },
    send: (c) =>
      c.api('admin', 'post', `audits/${c.audit.id}/reallocate`, {
        auditorId: c.relief,
        reason: 'Auditor away',
      }),
  },
  'POST /api/v1/audits/:id/withdraw': {
    who: 'admin',
    expected: { part: 'withdrawal' },
    send: (c) => c.api('admin', 'post', `audits/${c.audit.id}/withdraw`, { reason: 'Case closed' }),
  },
  'POST /api/v1/escalations/:id/acknowledge': {
    who: 'director',
    expected: 'ack',
    send: (c) =>
      c.api('director', 'post', `escalations/${c.audit.escalationId}/acknowledge`, {
        response: 'Visited today',
      }),
  },
  'POST /audits/:id/start': {
    who: 'auditor',
    expected: { event: 'START' },
    send: (c) => c.page('auditor', `/audits/${c.audit.id}/start`),
  },
  'POST /audits/:id/reopen': {
    who: 'auditor',
    expected: { event: 'REOPEN' },
    send: (c) => c.page('auditor', `/audits/${c.audit.id}/reopen`, { version: v(c) }),
  },
  'POST /audits/:id/grading': {
    who: 'auditor',
    // Where grading may be reopened, the page takes the post as a change of the finished grading
    // (from "Check your answers"): this one, only the overall judgement, is refused as incomplete.
    expected: { part: 'grading', changedThrough: 'REOPEN' },
    send: (c) =>
      c.page('auditor', `/audits/${c.audit.id}/grading`, {
        version: v(c),
        'overall-grade': 'good',
        'overall-rationale': 'Rewritten on the page',
      }),
  },
  'POST /audits/:id/escalation': {
    who: 'auditor',
    expected: { part: 'escalation' },
    send: (c) => c.page('auditor', `/audits/${c.audit.id}/escalation`, { reason: 'No visits for a month' }),
  },
  'POST /audits/:id/discussion': {
    who: 'auditor',
    expected: { part: 'discussion' },
    send: (c) => c.page('auditor', `/audits/${c.audit.id}/discussion`, { ...DISCUSSION_FORM, version: v(c) }),
  },
  'POST /audits/:id/feedback': {
    who: 'auditor',
    expected: { part: 'familyFeedback' },
    send: (c) => c.page('auditor', `/audits/${c.audit.id}/feedback`, { ...CHANGED, version: v(c) }),
  },
  'POST /audits/:id/submit': {
    who: 'auditor',
    expected: { event: 'SUBMIT' },
    send: (c) => c.page('auditor', `/audits/${c.audit.id}/submit`, { version: v(c) }),
  },
  'POST /moderation/:auditId': {
    who: 'moderator',
    expected: { part: 'moderation' },
    send: (c) => c.page('moderator', `/moderation/${c.audit.id}`, { ...AGREE_ALL, version: v(c) }),
  },
  'POST /admin/cycles/:id/audits/:auditId/reallocate': {
    who: 'admin',
    expected: { part: 'allocation' },
    send: (c) =>
      c.page('admin', `/admin/cycles/${c.audit.cycleId}/audits/${c.audit.id}/reallocate`, {
        auditorId: String(c.relief),
        reason: 'Auditor away',
      }),
  },
  'POST /escalations/:id': {
    who: 'director',
    expected: 'ack',
    send: (c) => c.page('director', `/escalations/${c.audit.escalationId}`, { response: 'Visited today' }),
  },
};

/** A write on one audit: its path names the audit (or, for an acknowledgement, its escalation). */
export const onAnAudit = (route: string) =>
  /\/audits\/:(id|auditId)(\/|$)/.test(route) || /^\w+ \/(api\/v1\/)?(moderation|escalations)\/:/.test(route);
