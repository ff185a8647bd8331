import { Action } from '../libs/actions/action.entity.js';
import { Audit } from '../libs/audits/audit.entity.js';
import { AuditsService } from '../libs/audits/audits.service.js';
import type { AuthenticatedUser } from '../libs/auth/authenticated-user.js';
import { Cycle } from '../libs/cycles/cycle.entity.js';
import { Notification } from '../libs/notifications/notification.entity.js';
import { WorkflowRunner } from '../libs/persistence/workflow-runner.service.js';
import type { ProposedAction } from '../workflows/audit-draft.js';
import { AGREED_DISCUSSION, completeDraft } from './support/audit-fixtures.js';
import { testEngines } from './support/engines.js';
import { newActor, newAudit, newCase, newTeam } from './support/factories.js';
import { loginAs, Role, startTestApp, type TestApp, TEST_TODAY } from './support/test-app.js';

/**
 * Actions raised by an audit and tracked to closure, over the JSON API: raised when the audit is
 * submitted, progressed by their owner, sent back and verified by an advanced practitioner,
 * reassigned, moved and cancelled by a manager; the audit, then its cycle, close by themselves.
 * Every bad input is refused naming its field (or the state and event), and writes nothing.
 */
const engines = await testEngines('actions-lifecycle');

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; rule?: string }[];
}
const fieldsOf = (body: Problem) => (body.errors ?? []).map((e) => e.field);

describe.each(engines)('actions tracked to closure (%s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let teamId: number;
  let auditor: AuthenticatedUser;
  /** An audit in progress that the refused drafts leave as it was. */
  let draftAudit: { id: number };
  const ids: Record<string, number> = {};
  const tokens: Record<string, string> = {};

  const as = (who: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', tokens[who]),
    post: (path: string, body: object) => t.http().post(path).set('Authorization', tokens[who]).send(body),
    put: (path: string, body: object) => t.http().put(path).set('Authorization', tokens[who]).send(body),
  });
  const auditOf = (id: number) => t.db.read((m) => m.findOneByOrFail(Audit, { id }));
  const action = (id: number) => t.db.read((m) => m.findOneByOrFail(Action, { id }));
  const historyOf = (type: string, id: number) =>
    t.db.read((m) => t.app.get(WorkflowRunner).history(m, type, id));
  const proposed = (change: Partial<ProposedAction> = {}): ProposedAction => ({
    what: 'Write a plan with timescales and a contingency',
    why: 'The plan has no timescales',
    domainKey: 'plan',
    ownerId: ids.sw,
    dueOn: '2027-01-31',
    successMeasure: 'The next review finds each step done on time',
    ...change,
  });

  /** An audit of a new case in the team, in progress, in a cycle of its own with no moderation. */
  const auditInProgress = async () => {
    const theCase = await newCase(t.db, { teamId, cohortCode: 'CP' });
    return newAudit(t, { case: theCase, auditor, state: 'inProgress', cycle: { moderationRate: 0 } });
  };

  /** An audit submitted with these proposed actions (through the service): its ids and its actions'. */
  const submittedWith = async (actions: ProposedAction[]) => {
    const audit = await auditInProgress();
    const audits = t.app.get(AuditsService);
    let { version: v } = await audits.saveDraft(
      audit.id,
      { ...completeDraft('CP'), actions },
      audit.audit.version,
      auditor,
    );
    ({ version: v } = await audits.finishGrading(audit.id, v, auditor));
    ({ version: v } = await audits.recordDiscussion(audit.id, AGREED_DISCUSSION, v, auditor));
    await audits.submit(audit.id, v, auditor);
    const raised = await t.db.read((m) =>
      m.find(Action, { where: { auditId: audit.id }, order: { id: 'ASC' } }),
    );
    return { auditId: audit.id, cycleId: audit.cycleId, actionIds: raised.map((a) => a.id) };
  };

  /** A refused write: the status, and the action exactly as it was, with no history row added. */
  async function refusedWithoutWriting(id: number, send: () => Promise<{ status: number; body: Problem }>) {
    const before = await action(id);
    const rows = (await historyOf('action', id)).length;
    const response = await send();
    expect(await action(id)).toEqual(before);
    expect(await historyOf('action', id)).toHaveLength(rows);
    return response;
  }

  beforeAll(async () => {
    t = await startTestApp(databaseUrl());
    const team = await newTeam(t.db, { cohortCode: 'CP' });
    const otherTeam = await newTeam(t.db, { cohortCode: 'CP' });
    teamId = team.id;
    const here = { teamId: team.id, localityId: team.localityId };
    const people: [string, Role, object][] = [
      ['sw', Role.SocialWorker, { ...here, workerKey: 'act-sw-key' }],
      ['tm', Role.TeamManager, here],
      ['colleague', Role.SocialWorker, here],
      ['leaver', Role.SocialWorker, { ...here, active: false }],
      ['ap', Role.AdvancedPractitioner, { localityId: team.localityId }],
      ['elsewhere', Role.SocialWorker, { teamId: otherTeam.id, localityId: otherTeam.localityId }],
      ['otherAp', Role.AdvancedPractitioner, { localityId: otherTeam.localityId }],
      ['auditor', Role.AdvancedPractitioner, { localityId: otherTeam.localityId }],
    ];
    for (const [who, role, more] of people) {
      const user = await newActor(t.db, { role, username: `act-${who}`, displayName: `Act ${who}`, ...more });
      ids[who] = user.id;
      if (who === 'auditor') auditor = user;
      if (who !== 'leaver') tokens[who] = await loginAs(t, `act-${who}`);
    }
    const theCase = await newCase(t.db, { teamId, cohortCode: 'CP', workerKey: 'act-sw-key' });
    draftAudit = await newAudit(t, {
      case: theCase,
      auditor,
      state: 'inProgress',
      cycle: { moderationRate: 0 },
    });
  });

  afterAll(() => t?.close());

  it('offers the case’s social worker first, then its team manager, then the team, active users only', async () => {
    const choices = await t.app.get(AuditsService).ownerChoices(draftAudit.id, auditor);
    expect(choices.map((c) => [c.id, c.relation])).toEqual([
      [ids.sw, 'social worker'],
      [ids.tm, 'team manager'],
      [ids.colleague, 'team'],
    ]);
  });

  it.each<[string, () => Partial<ProposedAction>, string]>([
    ['due in the past', () => ({ dueOn: '2026-12-14' }), 'actions.0.dueOn'],
    ['due more than a year ahead', () => ({ dueOn: '2027-12-16' }), 'actions.0.dueOn'],
    ['owned by a deactivated user', () => ({ ownerId: ids.leaver }), 'actions.0.ownerId'],
    ['owned by someone outside the case’s locality', () => ({ ownerId: ids.elsewhere }), 'actions.0.ownerId'],
    ['owned by no user at all', () => ({ ownerId: 999_999 }), 'actions.0.ownerId'],
  ])('refuses a draft with an action %s (422 naming the field), saving nothing', async (_, change, field) => {
    const before = await auditOf(draftAudit.id);
    const response = await as('auditor')
      .put(`/api/v1/audits/${draftAudit.id}/draft`, {
        version: before.version,
        ...completeDraft('CP'),
        actions: [proposed(change())],
      })
      .expect(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fieldsOf(response.body as Problem)).toContain(field);
    expect(await auditOf(draftAudit.id)).toEqual(before);
  });

  it('keeps an older draft’s free-text owner, but will not finish grading until a real owner is chosen', async () => {
    const audit = await auditInProgress();
    const legacy = { ...proposed(), ownerId: undefined, owner: 'Team manager' };
    const saved = await as('auditor')
      .put(`/api/v1/audits/${audit.id}/draft`, {
        version: audit.audit.version,
        ...completeDraft('CP'),
        actions: [legacy],
      })
      .expect(200);
    const { version: v } = saved.body as { version: number };
    const refused = await as('auditor')
      .post(`/api/v1/audits/${audit.id}/finish-grading`, { version: v })
      .expect(422);
    expect(fieldsOf(refused.body as Problem)).toEqual(['actions.0.ownerId']);
    const shown = await as('auditor').get(`/api/v1/audits/${audit.id}`).expect(200);
    expect((shown.body as { draft: { actions: ProposedAction[] } }).draft.actions[0].owner).toBe(
      'Team manager',
    );
  });

  it('raises each proposed action as a tracked action, open, when the audit is submitted', async () => {
    const audit = await auditInProgress();
    const actions = [
      proposed(),
      proposed({ what: 'Update the chronology', ownerId: ids.tm, domainKey: undefined }),
    ];
    const put = await as('auditor')
      .put(`/api/v1/audits/${audit.id}/draft`, {
        version: audit.audit.version,
        ...completeDraft('CP'),
        actions,
      })
      .expect(200);
    let { version: v } = put.body as { version: number };
    ({ version: v } = (
      await as('auditor').post(`/api/v1/audits/${audit.id}/finish-grading`, { version: v }).expect(200)
    ).body as { version: number });
    ({ version: v } = (
      await as('auditor')
        .put(`/api/v1/audits/${audit.id}/discussion`, { version: v, ...AGREED_DISCUSSION })
        .expect(200)
    ).body as { version: number });
    const submitted = await as('auditor')
      .post(`/api/v1/audits/${audit.id}/submit`, { version: v })
      .expect(200);
    // Its grades stand (no moderator), but two actions are open: it waits for them.
    expect(submitted.body).toMatchObject({ state: 'completed' });

    const raised = await t.db.read((m) =>
      m.find(Action, { where: { auditId: audit.id }, order: { id: 'ASC' } }),
    );
    expect(raised.map((a) => [a.state, a.ownerId, a.raisedBy, a.teamId, a.dueOn])).toEqual([
      ['open', ids.sw, auditor.id, teamId, '2027-01-31'],
      ['open', ids.tm, auditor.id, teamId, '2027-01-31'],
    ]);
    const view = await as('sw').get(`/api/v1/actions/${raised[0].id}`).expect(200);
    expect(view.body).toMatchObject({
      what: actions[0].what,
      why: actions[0].why,
      domainKey: 'plan',
      state: 'open',
    });
    expect((view.body as { history: unknown[] }).history).toEqual([
      expect.objectContaining({ event: 'CREATE', toState: 'open', actorId: auditor.id }),
    ]);
  });

  it('gives anyone who may not read an action the same 404 as a missing one', async () => {
    const [id] = (await submittedWith([proposed()])).actionIds;
    const missing = await as('elsewhere').get('/api/v1/actions/999999').expect(404);
    for (const who of ['elsewhere', 'otherAp', 'colleague']) {
      const response = await as(who).get(`/api/v1/actions/${id}`).expect(404);
      expect((response.body as Problem).detail).toBe(
        (missing.body as Problem).detail.replace('999999', String(id)),
      );
    }
    await refusedWithoutWriting(id, () =>
      as('elsewhere').post(`/api/v1/actions/${id}/start`, { version: 1 }).expect(404),
    );
    await refusedWithoutWriting(id, () =>
      as('otherAp').post(`/api/v1/actions/${id}/chase`, { version: 1 }).expect(404),
    );
  });

  it('lets only the owner progress it, and refuses a blank note, a stale version and a step its state does not allow', async () => {
    const [id] = (await submittedWith([proposed()])).actionIds;
    await refusedWithoutWriting(id, () =>
      as('tm').post(`/api/v1/actions/${id}/start`, { version: 1 }).expect(403),
    );
    const blank = await refusedWithoutWriting(id, () =>
      as('sw').post(`/api/v1/actions/${id}/progress`, { version: 1, note: '   ' }).expect(422),
    );
    expect(fieldsOf(blank.body)).toEqual(['note']);
    const early = await refusedWithoutWriting(id, () =>
      as('ap').post(`/api/v1/actions/${id}/verify`, { version: 1 }).expect(409),
    );
    expect(early.body.detail).toBe('VERIFY is not allowed while the action is open');

    await as('sw').post(`/api/v1/actions/${id}/start`, { version: 1 }).expect(200);
    await refusedWithoutWriting(id, () =>
      as('sw').post(`/api/v1/actions/${id}/progress`, { version: 1, note: 'Met the family' }).expect(409),
    );
    const progressed = await as('sw')
      .post(`/api/v1/actions/${id}/progress`, { version: 2, note: 'Met the family' })
      .expect(200);
    expect(progressed.body).toEqual({ id, state: 'inProgress', version: 3 });
  });

  it('is progressed, marked done, sent back, done again, verified and closed by the system; the audit waits for the rest', async () => {
    const { auditId, actionIds } = await submittedWith([proposed(), proposed({ ownerId: ids.tm })]);
    const [id, other] = actionIds;
    await as('sw').post(`/api/v1/actions/${id}/progress`, { version: 1, note: 'Met the family' }).expect(200);
    const done = { whatWasDone: 'Plan rewritten', evidence: 'Plan dated 20 Dec on the file' };
    await as('sw')
      .post(`/api/v1/actions/${id}/done`, { version: 2, ...done })
      .expect(200);
    await refusedWithoutWriting(id, () =>
      as('sw').post(`/api/v1/actions/${id}/verify`, { version: 3 }).expect(403),
    );
    const blank = await refusedWithoutWriting(id, () =>
      as('ap').post(`/api/v1/actions/${id}/send-back`, { version: 3, reason: ' \t ' }).expect(422),
    );
    expect(fieldsOf(blank.body)).toEqual(['reason']);
    await as('ap')
      .post(`/api/v1/actions/${id}/send-back`, { version: 3, reason: 'No contingency' })
      .expect(200);
    await as('sw')
      .post(`/api/v1/actions/${id}/done`, {
        version: 4,
        whatWasDone: 'Contingency added',
        evidence: 'v2 on file',
      })
      .expect(200);
    const verified = await as('ap').post(`/api/v1/actions/${id}/verify`, { version: 5 }).expect(200);
    expect(verified.body).toMatchObject({ state: 'closed' });

    const view = (await as('sw').get(`/api/v1/actions/${id}`).expect(200)).body as {
      closedAt: string | null;
      verifiedById: number;
      history: { event: string; actorId: number | null; actorLabel: string; detail: unknown }[];
    };
    expect(view.closedAt).not.toBeNull();
    expect(view.verifiedById).toBe(ids.ap);
    expect(view.history.map((h) => [h.event, h.actorId])).toEqual([
      ['CREATE', auditor.id],
      ['RECORD_PROGRESS', ids.sw],
      ['MARK_DONE', ids.sw],
      ['SEND_BACK', ids.ap],
      ['MARK_DONE', ids.sw],
      ['VERIFY', ids.ap],
      ['CLOSE', null],
    ]);
    expect(view.history[1].detail).toEqual({ note: 'Met the family' });
    expect(view.history[3].detail).toEqual({ reason: 'No contingency' });
    expect(view.history[6].actorLabel).toBe('system');
    expect((await auditOf(auditId)).state).toBe('completed');

    // The team manager owns the other: they may mark it done, never verify it themselves.
    await as('tm')
      .post(`/api/v1/actions/${other}/done`, { version: 1, ...done })
      .expect(200);
    const own = await refusedWithoutWriting(other, () =>
      as('tm').post(`/api/v1/actions/${other}/verify`, { version: 2 }).expect(403),
    );
    expect(own.body.detail).toMatch(/owner cannot verify/);
  });

  it('refuses a due date past or over a year ahead, and a blank reason; a move keeps both dates', async () => {
    const [id] = (await submittedWith([proposed({ ownerId: ids.tm })])).actionIds;
    for (const [dueOn, reason, field] of [
      ['2026-12-14', 'Conference moved', 'dueOn'],
      ['2027-12-16', 'Conference moved', 'dueOn'],
      ['2027-02-28', '   ', 'reason'],
    ]) {
      const response = await refusedWithoutWriting(id, () =>
        as('tm').post(`/api/v1/actions/${id}/due-date`, { version: 1, dueOn, reason }).expect(422),
      );
      expect(fieldsOf(response.body)).toEqual([field]);
    }
    await refusedWithoutWriting(id, () =>
      as('ap')
        .post(`/api/v1/actions/${id}/due-date`, { version: 1, dueOn: '2027-02-28', reason: 'x' })
        .expect(403),
    );
    const reason = 'Needed before the conference';
    await as('tm')
      .post(`/api/v1/actions/${id}/due-date`, { version: 1, dueOn: TEST_TODAY, reason })
      .expect(200);
    expect((await historyOf('action', id)).at(-1)).toMatchObject({
      event: 'MOVE_DUE_DATE',
      detail: { fromDueOn: '2027-01-31', toDueOn: TEST_TODAY, reason },
    });
    expect(await as('tm').get(`/api/v1/actions/${id}`).expect(200)).toMatchObject({
      body: { dueOn: TEST_TODAY, raisedDueOn: '2027-01-31' },
    });
  });

  it('reassigns only to an active user in the case’s locality, keeping both owners', async () => {
    const [id] = (await submittedWith([proposed({ ownerId: ids.tm })])).actionIds;
    for (const who of ['leaver', 'elsewhere']) {
      const response = await refusedWithoutWriting(id, () =>
        as('tm').post(`/api/v1/actions/${id}/reassign`, { version: 1, ownerId: ids[who] }).expect(422),
      );
      expect(fieldsOf(response.body)).toEqual(['ownerId']);
    }
    await as('tm').post(`/api/v1/actions/${id}/reassign`, { version: 1, ownerId: ids.sw }).expect(200);
    expect((await historyOf('action', id)).at(-1)).toMatchObject({
      event: 'REASSIGN',
      detail: { fromOwnerId: ids.tm, toOwnerId: ids.sw },
    });
    expect((await action(id)).ownerId).toBe(ids.sw);
  });

  it('is chased by an advanced practitioner: a history row, and a notice to the owner with ids and a link only', async () => {
    const { auditId, actionIds } = await submittedWith([proposed({ ownerId: ids.colleague })]);
    const [id] = actionIds;
    await as('ap').post(`/api/v1/actions/${id}/chase`, { version: 1 }).expect(200);
    expect((await historyOf('action', id)).at(-1)).toMatchObject({ event: 'CHASE', actorId: ids.ap });
    const notices = await t.db.read((m) =>
      m.find(Notification, { where: { recipientId: ids.colleague, kind: 'action-chased' } }),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0].payload).toEqual({ actionId: id, auditId, link: `/actions/${id}` });
    expect(JSON.stringify(notices[0])).not.toMatch(/CASE-|plan|chronology/i);
  });

  it('is cancelled by a manager with a reason; the audit, then the cycle, close by themselves', async () => {
    const { auditId, cycleId, actionIds } = await submittedWith([proposed()]);
    const [id] = actionIds;
    await refusedWithoutWriting(id, () =>
      as('ap').post(`/api/v1/actions/${id}/cancel`, { version: 1, reason: 'No longer needed' }).expect(403),
    );
    const blank = await refusedWithoutWriting(id, () =>
      as('tm').post(`/api/v1/actions/${id}/cancel`, { version: 1, reason: '\u200b ' }).expect(422),
    );
    expect(fieldsOf(blank.body)).toEqual(['reason']);
    expect((await auditOf(auditId)).state).toBe('completed');
    const cancelled = await as('tm')
      .post(`/api/v1/actions/${id}/cancel`, { version: 1, reason: 'The child moved out of the area' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled' });

    expect((await auditOf(auditId)).state).toBe('closed');
    expect((await historyOf('audit', auditId)).at(-1)).toMatchObject({
      event: 'CLOSE',
      toState: 'closed',
      actorId: null,
      actorLabel: 'system',
    });
    expect((await t.db.read((m) => m.findOneByOrFail(Cycle, { id: cycleId }))).state).toBe('closed');
    expect((await historyOf('cycle', cycleId)).at(-1)).toMatchObject({
      event: 'CLOSE',
      actorId: null,
      actorLabel: 'system',
    });
    const late = await refusedWithoutWriting(id, () =>
      as('tm').post(`/api/v1/actions/${id}/reassign`, { version: 2, ownerId: ids.tm }).expect(409),
    );
    expect(late.body.detail).toBe('REASSIGN is not allowed while the action is cancelled');
  });

  it('closes an audit that raised no action, and its cycle, as soon as its grades stand', async () => {
    const { auditId, cycleId, actionIds } = await submittedWith([]);
    expect(actionIds).toEqual([]);
    expect((await auditOf(auditId)).state).toBe('closed');
    expect((await t.db.read((m) => m.findOneByOrFail(Cycle, { id: cycleId }))).state).toBe('closed');
  });
});
