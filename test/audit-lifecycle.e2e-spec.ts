import type { AuditLine } from '../libs/cycles/cycle-document.js';
import { Notification } from '../libs/notifications/notification.entity.js';
import { User } from '../libs/org/user.entity.js';
import { AGREED_DISCUSSION, completeDraft } from './support/audit-fixtures.js';
import { testEngines } from './support/engines.js';
import { authenticated, driveAudit, type FactoryAuditState } from './support/factories.js';
import { allPages } from './support/pages.js';
import { registerCsv } from './support/register-files.js';
import { loginAs, newOrg, newUser, Role, startTestApp, type TestApp } from './support/test-app.js';

// The same journey on both engines: SQLite (the default) and PostgreSQL when a server answers.
const engines = await testEngines('audit-lifecycle');

describe.each(engines)(
  'an audit from allocation to completion (HTTP, %s, real migrations)',
  (_engine, databaseUrl) => {
    let t: TestApp;
    const tokens = new Map<string, string>();
    const as = (who: string) => tokens.get(who)!;
    let auditIds: number[];
    let auditorId: number;
    const userIds = new Map<string, number>();

    beforeAll(async () => {
      t = await startTestApp(databaseUrl());
      const org = await newOrg(t.db, [
        ['North CP', 'North', 'CP'],
        ['East CLA', 'East', 'CLA'],
      ]);
      const people: [string, Role, { team?: string; locality?: string; name?: string; key?: string }][] = [
        ['admin', Role.Administrator, {}],
        ['auditor', Role.AdvancedPractitioner, { team: 'East CLA' }],
        ['tm.cp', Role.TeamManager, { team: 'North CP', name: 'North CP Manager' }],
        ['sw.cp', Role.SocialWorker, { team: 'North CP', name: 'Sam Worker', key: 'w-1001' }],
        ['sw.other', Role.SocialWorker, { team: 'North CP', name: 'Other Worker' }],
        ['hos.north', Role.HeadOfService, { locality: 'North' }],
        ['hos.east', Role.HeadOfService, { locality: 'East' }],
        ['moderator', Role.Moderator, {}],
      ];
      for (const [username, role, where] of people) {
        const id = await newUser(t.db, {
          username,
          role,
          displayName: where.name ?? username,
          teamId: where.team ? org.teams.get(where.team)! : null,
          localityId: where.locality ? org.localities.get(where.locality)! : null,
          workerKey: where.key ?? null,
        });
        tokens.set(username, await loginAs(t, username));
        userIds.set(username, id);
        if (username === 'auditor') auditorId = id;
      }
      // Only one auditor may take these cases (the team manager manages their team), so the draw
      // below gives every audit to "auditor". Each test takes audits of its own from the pool.
      const cases = Array.from({ length: 12 }, (_, i) => ({
        ref: `CP-${i + 1}`,
        cohort: 'CP',
        team: 'North CP',
        worker: 'Sam Worker',
        workerId: 'W-1001',
      }));
      await t
        .http()
        .post('/api/v1/cases/import')
        .set('Authorization', as('admin'))
        .field('asOf', '2026-11-30')
        .attach('files', Buffer.from(registerCsv(cases)), 'register.csv')
        .expect(201);
      const cycle = await t
        .http()
        .post('/api/v1/cycles')
        .set('Authorization', as('admin'))
        .send({
          month: '2026-12',
          kind: 'themed',
          title: 'CP audit',
          filter: { cohorts: ['CP'] },
          count: 12,
          tier3Count: 0,
          seed: 'lifecycle',
          // Every submission goes to the moderator, whichever test submits first this quarter.
          moderationRate: 1,
        })
        .expect(201);
      const audits = await allPages<AuditLine>(t, `/api/v1/cycles/${cycle.body.id}/audits`, as('admin'));
      auditIds = audits.map((a) => a.auditId);
      expect(audits.map((a) => a.auditorUsername)).toEqual(Array(12).fill('auditor'));
    });

    afterAll(async () => {
      await t?.close();
    });

    const get = (id: number, who: string) =>
      t.http().get(`/api/v1/audits/${id}`).set('Authorization', as(who));
    const post = (path: string, who: string, body: object = {}) =>
      t.http().post(`/api/v1/audits/${path}`).set('Authorization', as(who)).send(body);
    const put = (path: string, who: string, body: object) =>
      t.http().put(`/api/v1/audits/${path}`).set('Authorization', as(who)).send(body);
    const auditorOf = async (id: number) => (await get(id, 'admin')).body.auditor.id as number;
    /** An allocated audit no other test touches, moved on to `state` by the real commands. */
    const takeAudit = async (state: Exclude<FactoryAuditState, 'unallocated'> = 'allocated') => {
      const id = auditIds.pop()!;
      if (state !== 'allocated') await driveAudit(t, id, await authenticated(t.db, auditorId), state);
      return id;
    };

    it('keeps the audit from anyone with no part in it, and from the case team until submitted, with one 404', async () => {
      const id = await takeAudit();
      expect((await get(id, 'auditor')).body.state).toBe('allocated');
      expect((await get(id, 'sw.other')).status).toBe(404);
      const stranger = await get(id, 'hos.east');
      expect(stranger.status).toBe(404);
      // The case team, before submission, gets the stranger's 404: nothing says an audit is under way.
      const sameAsStranger = (r: typeof stranger) => {
        const { correlationId: _c, ...rest } = r.body as Record<string, unknown>;
        return { status: r.status, type: r.type, body: rest };
      };
      for (const who of ['tm.cp', 'sw.cp']) {
        expect(sameAsStranger(await get(id, who))).toEqual(sameAsStranger(stranger));
        const start = await post(`${id}/start`, who);
        expect(start.status).toBe(who === 'tm.cp' ? 404 : 403); // a social worker's role may not start audits at all
      }
      expect((await get(id, 'hos.north')).status).toBe(200);
    });

    it('grades an audit, refusing each rule by name, then discusses, submits and is moderated', async () => {
      const id = await takeAudit();
      const auditor = 'auditor';
      expect(await auditorOf(id)).toBeGreaterThan(0);
      const started = await post(`${id}/start`, auditor).expect(200);
      expect(started.body.state).toBe('inProgress');
      const again = await post(`${id}/start`, auditor);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ state: 'inProgress', event: 'START' });
      const byHead = await post(`${id}/start`, 'hos.north');
      expect(byHead.status).toBe(403);
      expect(byHead.body.rule).toBe('allocated-auditor-only');

      let version = started.body.version as number;
      const save = async (draft: object) => {
        const response = await put(`${id}/draft`, auditor, { version, ...draft }).expect(200);
        version = response.body.version;
      };
      await save({ domains: { voice_of_child: { grade: 'good' } } });
      const incomplete = await post(`${id}/finish-grading`, auditor, { version });
      expect(incomplete.status).toBe(422);
      expect(incomplete.body.rules).toEqual(
        expect.arrayContaining([
          'domain-graded',
          'compliance-answered',
          'improvement-answered',
          'overall-grade',
          'overall-rationale',
        ]),
      );

      const draft = completeDraft('CP', { grade: 'inadequate', rationale: 'Risk is not understood' });
      draft.domains!.risk_analysis = { grade: 'inadequate', evidence: '  ' };
      await save(draft);
      const refused = await post(`${id}/finish-grading`, auditor, { version });
      expect(refused.status).toBe(422);
      expect(refused.body.rules.sort()).toEqual(['evidence-for-low-grade', 'inadequate-needs-action']);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain(
        'domains.risk_analysis.evidence',
      );

      const unknownDomain = await put(`${id}/draft`, auditor, {
        version,
        domains: { pathway_plan: { grade: 'good' } },
      });
      expect(unknownDomain.status).toBe(422);
      expect(unknownDomain.body.rules).toEqual(['known-domain']);

      draft.domains!.risk_analysis = { grade: 'inadequate', evidence: 'No risk analysis since March' };
      draft.actions = [
        {
          what: 'Complete a risk analysis',
          why: 'No risk analysis since March',
          ownerId: userIds.get('tm.cp')!,
          dueOn: '2027-01-15',
          successMeasure: 'A current risk analysis on file',
        },
      ];
      await save(draft);
      const stale = await post(`${id}/finish-grading`, auditor, { version: version - 1 });
      expect(stale.status).toBe(409);
      const ready = await post(`${id}/finish-grading`, auditor, { version }).expect(200);
      expect(ready.body.state).toBe('awaitingDiscussion');
      version = ready.body.version;

      const noDiscussion = await post(`${id}/submit`, auditor, { version });
      expect(noDiscussion.status).toBe(422);
      expect(noDiscussion.body.rules).toEqual(['discussion-recorded']);
      const partial = await put(`${id}/discussion`, auditor, {
        ...AGREED_DISCUSSION,
        agreement: 'partly',
        version,
      });
      expect(partial.status).toBe(422);
      expect(partial.body.errors[0].field).toBe('discussion.disagreement');
      const discussed = await put(`${id}/discussion`, auditor, { ...AGREED_DISCUSSION, version }).expect(200);
      version = discussed.body.version;
      const feedback = await put(`${id}/family-feedback`, auditor, {
        version,
        from: 'Mother',
        how: 'Telephone',
        said: 'The social worker listens to us now.',
      }).expect(200);
      version = feedback.body.version;

      // This cycle sends every submitted audit to moderation.
      const submitted = await post(`${id}/submit`, auditor, { version }).expect(200);
      expect(submitted.body.state).toBe('inModeration');
      const told = await t.db.read((m) => m.findBy(Notification, { kind: 'moderation' }));
      expect(told.filter((n) => n.payload.auditId === id).map((n) => n.sentAt !== null)).toEqual([true]);

      const queue = await t
        .http()
        .get('/api/v1/moderation/queue')
        .set('Authorization', as('moderator'))
        .expect(200);
      expect(queue.body).toMatchObject({ page: 1, pageSize: 50 });
      const queued = queue.body.items.find((q: { auditId: number }) => q.auditId === id);
      expect(queued.version).toBe(submitted.body.version);
      const wrongModerator = await post(`${id}/moderation`, 'auditor', {
        overallGrade: 'good',
        version: queued.version,
      });
      expect(wrongModerator.status).toBe(403);
      const judgement = {
        overallGrade: 'requires_improvement',
        domains: { risk_analysis: 'requires_improvement' },
        comment: 'Some analysis exists in the strategy notes',
      };
      const noVersion = await post(`${id}/moderation`, 'moderator', judgement);
      expect([noVersion.status, noVersion.body.errors?.[0]?.field]).toEqual([422, 'version']);
      const staleModeration = await post(`${id}/moderation`, 'moderator', {
        ...judgement,
        version: queued.version - 1,
      });
      expect([staleModeration.status, staleModeration.body.code]).toEqual([409, 'STALE_UPDATE']);
      const moderated = await post(`${id}/moderation`, 'moderator', {
        ...judgement,
        version: queued.version,
      }).expect(200);
      expect(moderated.body).toMatchObject({
        state: 'completed',
        agreed: false,
        version: queued.version + 1,
      });

      const view = (await get(id, 'tm.cp').expect(200)).body;
      expect(view.overallGrade).toBe('inadequate');
      expect(view.moderation).toMatchObject({
        auditorGrade: 'inadequate',
        overallGrade: 'requires_improvement',
        agreed: false,
      });
      const riskGrades = view.grades.filter((g: { domainKey: string }) => g.domainKey === 'risk_analysis');
      expect(
        riskGrades.map((g: { source: string; grade: string }) => `${g.source}:${g.grade}`).sort(),
      ).toEqual(['auditor:inadequate', 'moderator:requires_improvement']);
      expect(view.draft).toBeUndefined();
      expect(view.discussion).toMatchObject({ agreement: 'agrees' });
      expect(view.familyFeedback).toMatchObject({ from: 'Mother' });
      expect(view.history.map((h: { event: string }) => h.event)).toEqual([
        'ALLOCATE',
        'START',
        'FINISH_GRADING',
        'RECORD_DISCUSSION',
        // Feedback is no step of the audit, but the history says who recorded it and when.
        'RECORD_FEEDBACK',
        'SUBMIT',
        'SEND_TO_MODERATION',
        'MODERATE',
      ]);
      await get(id, auditor).expect(200);
      expect((await get(id, 'sw.cp')).status).toBe(200);
      // The social worker lists the audits of their cases they may read: submitted ones only.
      const mine = (who: string, query = '') =>
        t.http().get(`/api/v1/my/case-audits${query}`).set('Authorization', as(who));
      const own = await mine('sw.cp').expect(200);
      // Other tests submit audits of this team's cases too: ours is among them, whatever ran first.
      expect(own.body).toMatchObject({ page: 1, pageSize: 50, total: own.body.items.length });
      expect(own.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            auditId: id,
            caseRef: expect.stringMatching(/^CP-/),
            state: 'completed',
          }),
        ]),
      );
      expect(own.body.items.every((a: { state: string }) => a.state !== 'inProgress')).toBe(true);
      await expect(
        mine('sw.cp', `?page=${own.body.total + 1}&pageSize=1`).then((r) => r.body),
      ).resolves.toMatchObject({ items: [], page: own.body.total + 1, pageSize: 1, total: own.body.total });
      await expect(mine('sw.other').then((r) => r.body)).resolves.toMatchObject({ items: [], total: 0 });
      expect((await mine('auditor')).status).toBe(403);
      const readers = await t
        .http()
        .get(`/api/v1/audits/${id}/access`)
        .set('Authorization', as('admin'))
        .expect(200);
      expect(readers.body.total).toBe(readers.body.items.length);
      const labels = readers.body.items.map((r: { actorLabel: string }) => r.actorLabel);
      expect(labels[0]).toBe('sw.cp (social_worker)');
      expect(labels).toEqual(
        expect.arrayContaining(['tm.cp (team_manager)', 'auditor (advanced_practitioner)']),
      );
      expect(labels).not.toContain('sw.other (social_worker)'); // refused reads open nothing
      await t.http().get(`/api/v1/audits/${id}/access`).set('Authorization', as('tm.cp')).expect(403);
    });

    it('escalates unsafe practice to the locality’s head of service, who acknowledges it', async () => {
      const id = await takeAudit();
      await post(`${id}/start`, 'auditor').expect(200);
      const raised = await post(`${id}/escalations`, 'auditor', {
        reason: 'Child left with an unassessed adult',
      }).expect(201);
      const hosNorth = (await t.http().get('/api/v1/auth/me').set('Authorization', as('hos.north'))).body.id;
      expect(raised.body).toMatchObject({ state: 'raised', notified: [hosNorth] });
      const sent = await t.db.read((m) =>
        m.findBy(Notification, { recipientId: hosNorth, kind: 'escalation' }),
      );
      expect(sent).toHaveLength(1);
      expect(sent[0].sentAt).not.toBeNull();
      expect(JSON.stringify(sent[0].payload)).not.toMatch(/unassessed adult/);

      const acknowledge = (who: string, body: object) =>
        t
          .http()
          .post(`/api/v1/escalations/${raised.body.id}/acknowledge`)
          .set('Authorization', as(who))
          .send(body);
      const response = 'Strategy discussion convened today';
      expect((await acknowledge('hos.east', { response })).status).toBe(404);
      const listed = await t
        .http()
        .get('/api/v1/escalations')
        .set('Authorization', as('hos.north'))
        .expect(200);
      expect(listed.body.items.map((e: { id: number }) => e.id)).toContain(raised.body.id);
      for (const body of [
        {},
        { response: '' },
        { response: ' \n\t ' },
        { response: '\u200b' },
        { response: 42 },
      ]) {
        const refused = await acknowledge('hos.north', body);
        expect([refused.status, refused.body.errors?.[0]?.field]).toEqual([422, 'response']);
      }
      const ack = await acknowledge('hos.north', { response: `  ${response} ` }).expect(200);
      expect(ack.body).toMatchObject({ state: 'acknowledged', response });
      expect(Date.parse(ack.body.acknowledgedAt)).toBeGreaterThanOrEqual(Date.parse(ack.body.raisedAt));
      expect((await acknowledge('hos.north', { response })).status).toBe(409);
      const view = (await get(id, 'auditor')).body;
      expect(view.escalations[0]).toMatchObject({ state: 'acknowledged', response });

      // An escalation stands in for an action behind an inadequate overall grade.
      const draft = completeDraft('CP', { grade: 'inadequate', rationale: 'Unsafe' });
      draft.domains!.risk_analysis = { grade: 'inadequate', evidence: 'See escalation' };
      const saved = await put(`${id}/draft`, 'auditor', { version: view.version, ...draft }).expect(200);
      await post(`${id}/finish-grading`, 'auditor', { version: saved.body.version }).expect(200);
    });

    it('lets one of two simultaneous submissions through; the other gets 409 and no grade is lost', async () => {
      const id = await takeAudit();
      const started = await post(`${id}/start`, 'auditor').expect(200);
      const saved = await put(`${id}/draft`, 'auditor', {
        version: started.body.version,
        ...completeDraft('CP'),
      }).expect(200);
      const ready = await post(`${id}/finish-grading`, 'auditor', { version: saved.body.version }).expect(
        200,
      );
      const discussed = await put(`${id}/discussion`, 'auditor', {
        ...AGREED_DISCUSSION,
        version: ready.body.version,
      }).expect(200);
      const submits = await Promise.all([
        post(`${id}/submit`, 'auditor', { version: discussed.body.version }),
        post(`${id}/submit`, 'auditor', { version: discussed.body.version }),
      ]);
      expect(submits.map((r) => r.status).sort()).toEqual([200, 409]);
      const view = (await get(id, 'auditor')).body;
      expect(view.overallGrade).toBe('good');
      expect(view.grades.filter((g: { source: string }) => g.source === 'auditor')).toHaveLength(
        Object.keys(completeDraft('CP').domains!).length,
      );
      expect(view.history.filter((h: { event: string }) => h.event === 'SUBMIT')).toHaveLength(1);
    });

    it('keeps one of fifty concurrent draft edits whole, never a mix', async () => {
      const id = await takeAudit();
      const started = await post(`${id}/start`, 'auditor').expect(200);
      const drafts = Array.from({ length: 50 }, (_, i) => ({
        domains: { voice_of_child: { grade: 'good', evidence: `edit ${i}` } },
        overall: { rationale: `rationale ${i}` },
      }));
      const responses = await Promise.all(
        drafts.map((d) => put(`${id}/draft`, 'auditor', { version: started.body.version, ...d })),
      );
      expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
      expect(responses.filter((r) => r.status === 409)).toHaveLength(49);
      const stored = (await get(id, 'auditor')).body.draft;
      const n = Number(stored.domains.voice_of_child.evidence.split(' ')[1]);
      expect(stored).toEqual(drafts[n]);
    });

    it('withdraws an audit only with a reason, and never once submitted', async () => {
      const withdraw = (id: number, body: object) =>
        t.http().post(`/api/v1/audits/${id}/withdraw`).set('Authorization', as('admin')).send(body);
      const id = await takeAudit();
      expect((await withdraw(id, { reason: '' })).status).toBe(422);
      await withdraw(id, { reason: 'Case closed before the audit' }).expect(200);
      expect((await get(id, 'admin')).body).toMatchObject({
        state: 'withdrawn',
        withdrawnReason: 'Case closed before the audit',
      });
      const late = await withdraw(await takeAudit('completed'), { reason: 'Too late' });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ state: 'completed', event: 'WITHDRAW' });
    });

    it('keeps the tool version an audit started with when a new version is published', async () => {
      const before = await takeAudit('inProgress');
      const pinned = (await get(before, 'auditor')).body.tool;
      expect(pinned).toMatchObject({ key: 'standard' });
      const draft = await t
        .http()
        .post('/api/v1/audit-tools')
        .set('Authorization', as('admin'))
        .send({ key: 'standard', title: 'Case audit toolkit 2027', fromToolId: pinned.id })
        .expect(201);
      await t
        .http()
        .post(`/api/v1/audit-tools/${draft.body.id}/publish`)
        .set('Authorization', as('admin'))
        .expect(200);
      const after = await takeAudit();
      const started = await post(`${after}/start`, 'auditor').expect(200);
      expect(started.body.state).toBe('inProgress');
      expect((await get(after, 'auditor')).body.tool).toMatchObject({
        key: 'standard',
        version: draft.body.version,
      });
      expect((await get(before, 'auditor')).body.tool).toMatchObject({ version: pinned.version });
    });

    it('lets a themed cycle use its own published tool, and refuses a draft one', async () => {
      const admin = as('admin');
      const draft = await t
        .http()
        .post('/api/v1/audit-tools')
        .set('Authorization', admin)
        .send({ key: 'neglect', title: 'Neglect themed audit', fromToolId: 1 })
        .expect(201);
      const themed = {
        month: '2027-01',
        kind: 'themed',
        title: 'Neglect',
        filter: { cohorts: ['CP'] },
        count: 1,
        tier3Count: 0,
      };
      const refused = await t
        .http()
        .post('/api/v1/cycles')
        .set('Authorization', admin)
        .send({ ...themed, auditToolId: draft.body.id });
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].field).toBe('auditToolId');
      await t
        .http()
        .post(`/api/v1/audit-tools/${draft.body.id}/publish`)
        .set('Authorization', admin)
        .expect(200);
      const cycle = await t
        .http()
        .post('/api/v1/cycles')
        .set('Authorization', admin)
        .send({ ...themed, auditToolId: draft.body.id })
        .expect(201);
      const [{ auditId: id }] = await allPages<AuditLine>(t, `/api/v1/cycles/${cycle.body.id}/audits`, admin);
      await post(`${id}/start`, 'auditor').expect(200);
      expect((await get(id, 'auditor')).body.tool).toMatchObject({ key: 'neglect', version: 1 });
    });

    it('escalates to the administrators when the locality has no head of service and there is no director', async () => {
      const id = await takeAudit('inProgress');
      await t.db.transaction((m) => m.update(User, { username: 'hos.north' }, { active: false }));
      try {
        const raised = await post(`${id}/escalations`, 'auditor', {
          reason: 'No plan for a baby at risk',
        }).expect(201);
        const adminId = (await t.http().get('/api/v1/auth/me').set('Authorization', as('admin'))).body.id;
        expect(raised.body.notified).toEqual([adminId]);
      } finally {
        await t.db.transaction((m) => m.update(User, { username: 'hos.north' }, { active: true }));
      }
    });

    it('answers careless input with a 4xx naming the field, never a 500', async () => {
      const id = await takeAudit('inProgress');
      const { version } = (await get(id, 'auditor')).body;
      const bodies: object[] = [
        { version, domains: 'all good' },
        { version, domains: { plan: 'good' } },
        { version, domains: { plan: { grade: 'inadequate', evidence: 5 } } },
        { version, compliance: { plan_current: true } },
        { version, overall: { grade: 'fine' } },
        { version, actions: [{ what: 'x' }] },
        { version: 'one' },
        {},
      ];
      for (const body of bodies) {
        const response = await put(`${id}/draft`, 'auditor', body);
        expect([response.status, response.body.errors?.length > 0]).toEqual([422, true]);
      }
      const discussion = await put(`${id}/discussion`, 'auditor', { version, happened: 'yes' });
      expect(discussion.status).toBe(422);
      expect(discussion.body.errors[0].field).toBe('happened');
      expect((await post(`${id}/finish-grading`, 'auditor', { version })).status).toBe(422);
    });
  },
);
