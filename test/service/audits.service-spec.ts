import { stateKey } from '../../libs/persistence/state-key.js';
import { AuditsService } from '../../libs/audits/audits.service.js';
import { AuditViewService } from '../../libs/audits/audit-view.service.js';
import { ErrorCode } from '../../libs/common/domain-error.js';
import { AllocationsService } from '../../libs/cycles/allocations.service.js';
import { Role } from '../../libs/org/role.js';
import { Team } from '../../libs/org/team.entity.js';
import { AGREED_DISCUSSION, completeDraft } from '../support/audit-fixtures.js';
import { FACTORY_ACTOR, type FactoryAuditState, newActor, newAudit } from '../support/factories.js';
import { type ServiceTestModule, startServices } from '../support/service-module.js';

describe('AuditsService (service tier: real SQLite, no HTTP)', () => {
  let s: ServiceTestModule;
  let audits: AuditsService;
  const historyOf = async (id: number) =>
    (await s.app.get(AuditViewService).show(id, null)).history.map((h) => h.event);

  beforeAll(async () => {
    s = await startServices('audits');
    audits = s.app.get(AuditsService);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('takes an allocated audit through start, draft, grading, discussion and submission', async () => {
    const { id, auditor } = await newAudit(s, { state: 'allocated' });
    const started = await audits.start(id, auditor!);
    expect(started.state).toBe('inProgress');
    const saved = await audits.saveDraft(id, completeDraft('CP'), started.version, auditor!);
    const graded = await audits.finishGrading(id, saved.version, auditor!);
    expect(graded.state).toBe('awaitingDiscussion');
    const discussed = await audits.recordDiscussion(id, AGREED_DISCUSSION, graded.version, auditor!);
    // The auditor's first submission of the quarter always goes to a moderator, if there is one.
    await newActor(s.db, { role: Role.Moderator });
    await expect(audits.submit(id, discussed.version, auditor!)).resolves.toMatchObject({
      state: 'inModeration',
    });
    // However the factory came by the allocation (the draw, or a reallocation), the commands follow it.
    await expect(historyOf(id).then((h) => h.slice(-6))).resolves.toEqual([
      'ALLOCATE',
      'START',
      'FINISH_GRADING',
      'RECORD_DISCUSSION',
      'SUBMIT',
      'SEND_TO_MODERATION',
    ]);
  });

  it('lets only the allocated auditor start, and only once (409 naming state and event)', async () => {
    const { id, auditor, case: theCase } = await newAudit(s, { state: 'allocated' });
    const stranger = await newActor(s.db, { role: Role.AdvancedPractitioner });
    await expect(audits.start(id, stranger)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    const { localityId } = await s.db.read((m) => m.findOneByOrFail(Team, { id: theCase.teamId }));
    const head = await newActor(s.db, { role: Role.HeadOfService, localityId });
    await expect(audits.start(id, head)).rejects.toMatchObject({
      code: ErrorCode.Forbidden,
      details: { rule: 'allocated-auditor-only' },
    });
    await audits.start(id, auditor!);
    await expect(audits.start(id, auditor!)).rejects.toMatchObject({
      code: ErrorCode.IllegalTransition,
      details: { state: 'inProgress', event: 'START' },
    });
  });

  it('refuses a draft saved over a newer version, and keeps the newer one', async () => {
    const { id, auditor, audit } = await newAudit(s, { state: 'inProgress' });
    const first = { overall: { rationale: 'first' } };
    await audits.saveDraft(id, first, audit.version, auditor!);
    await expect(
      audits.saveDraft(id, { overall: { rationale: 'stale' } }, audit.version, auditor!),
    ).rejects.toMatchObject({ code: ErrorCode.StaleUpdate });
    await expect(s.app.get(AuditViewService).show(id, auditor!)).resolves.toMatchObject({ draft: first });
  });

  it('refuses to finish grading an incomplete draft, naming each rule', async () => {
    const { id, auditor, audit } = await newAudit(s, { state: 'inProgress' });
    const saved = await audits.saveDraft(
      id,
      { domains: { voice_of_child: { grade: 'good' } } },
      audit.version,
      auditor!,
    );
    const refusal = audits.finishGrading(id, saved.version, auditor!);
    await expect(refusal).rejects.toMatchObject({ code: ErrorCode.Validation });
    await expect(refusal).rejects.toHaveProperty(
      'details.rules',
      expect.arrayContaining(['domain-graded', 'compliance-answered', 'overall-grade']),
    );
  });

  it('refuses submission until the discussion is recorded', async () => {
    const { id, auditor, audit } = await newAudit(s, { state: 'awaitingDiscussion' });
    await expect(audits.submit(id, audit.version, auditor!)).rejects.toMatchObject({
      code: ErrorCode.Validation,
      details: { rules: ['discussion-recorded'] },
    });
  });

  it('forgets the discussion when grading is reopened: it must be discussed again', async () => {
    const { id, auditor, audit } = await newAudit(s, { state: 'awaitingDiscussion' });
    const discussed = await audits.recordDiscussion(id, AGREED_DISCUSSION, audit.version, auditor!);
    const reopened = await audits.reopen(id, discussed.version, auditor!);
    expect(reopened.state).toBe('inProgress');
    const graded = await audits.finishGrading(id, reopened.version, auditor!);
    await expect(audits.submit(id, graded.version, auditor!)).rejects.toMatchObject({
      details: { rules: ['discussion-recorded'] },
    });
  });

  it('refuses to withdraw an audit once it is submitted', async () => {
    const { id } = await newAudit(s, { state: 'inModeration' });
    await expect(s.app.get(AllocationsService).withdraw(id, 'Too late', FACTORY_ACTOR)).rejects.toMatchObject(
      { code: ErrorCode.IllegalTransition, details: { state: 'inModeration', event: 'WITHDRAW' } },
    );
  });

  const STATES: FactoryAuditState[] = [
    'unallocated',
    'allocated',
    'inProgress',
    'awaitingDiscussion',
    'inModeration',
    'completed',
    'closed',
    'withdrawn',
  ];
  it.each(STATES)('newAudit reaches %s, and its stored snapshot says so', async (state) => {
    const { audit } = await newAudit(s, { state });
    expect(audit.state).toBe(state);
    expect(stateKey((audit.snapshot as { value: Parameters<typeof stateKey>[0] }).value)).toBe(state);
  });
});
