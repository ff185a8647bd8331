import { ErrorCode } from '../../libs/common/domain-error.js';
import { AllocationsService } from '../../libs/cycles/allocations.service.js';
import { CycleReadsService } from '../../libs/cycles/cycle-reads.service.js';
import { Cycle } from '../../libs/cycles/cycle.entity.js';
import { CyclesService } from '../../libs/cycles/cycles.service.js';
import { Role } from '../../libs/org/role.js';
import { WorkflowRunner } from '../../libs/persistence/workflow-runner.service.js';
import { FACTORY_ACTOR, newActor, newAudit, newCase, newTeam } from '../support/factories.js';
import { type ServiceTestModule, startServices } from '../support/service-module.js';

const ALL = { page: 1, pageSize: 500 };

describe('CyclesService and AllocationsService (service tier: real SQLite, no HTTP)', () => {
  let s: ServiceTestModule;
  let cycles: CyclesService;
  let allocations: AllocationsService;
  const historyOf = async (cycleId: number) =>
    (await s.app.get(CycleReadsService).history(cycleId, ALL)).items.map((h) => `${h.event}->${h.toState}`);

  beforeAll(async () => {
    s = await startServices('cycles');
    cycles = s.app.get(CyclesService);
    allocations = s.app.get(AllocationsService);
  });
  afterAll(async () => {
    await s?.close();
  });

  /** A team of its own with `count` open cases and an auditor free to take them. */
  async function teamWithCases(count: number) {
    const team = await newTeam(s.db);
    for (let i = 0; i < count; i++) await newCase(s.db, { teamId: team.id });
    await newActor(s.db, { role: Role.AdvancedPractitioner });
    return team;
  }

  it('opens a themed cycle: a 10% sample of the cases in scope, allocated and recorded', async () => {
    const team = await teamWithCases(20);
    const doc = await cycles.open(
      { month: '2026-12', kind: 'themed', title: 'Scoped', filter: { teams: [team.name] }, tier3Count: 0 },
      FACTORY_ACTOR,
    );
    expect(doc).toMatchObject({ state: 'allocated', open: 20, selected: 2, unallocated: 0 });
    const audits = await s.app
      .get(CycleReadsService)
      .audits(doc.id, ALL, {}, await newActor(s.db, { role: Role.Administrator }));
    expect(audits.items.map((a) => a.team)).toEqual([team.name, team.name]);
    await expect(historyOf(doc.id)).resolves.toEqual([
      'CREATE->draft',
      'SELECT->selected',
      'ALLOCATE->allocated',
    ]);
  });

  it('refuses a themed cycle whose filter leaves no open case, naming the filter, and stores nothing', async () => {
    const team = await newTeam(s.db);
    const opening = cycles.open(
      { month: '2026-12', kind: 'themed', title: 'Empty', filter: { teams: [team.name] } },
      FACTORY_ACTOR,
    );
    await expect(opening).rejects.toMatchObject({
      code: ErrorCode.Validation,
      details: { errors: [expect.objectContaining({ field: 'filter' })] },
    });
    await expect(s.db.read((m) => m.countBy(Cycle, { title: 'Empty' }))).resolves.toBe(0);
  });

  it('refuses a second monthly cycle for a month, naming the one that exists', async () => {
    await teamWithCases(1);
    const first = await cycles.open({ month: '2027-03' }, FACTORY_ACTOR);
    await expect(cycles.open({ month: '2027-03' }, FACTORY_ACTOR)).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      details: { existingCycleId: first.id },
    });
  });

  it('refuses to close a cycle while an audit is outstanding (409 naming state and event)', async () => {
    const { cycleId } = await newAudit(s, { state: 'inProgress' });
    await expect(cycles.close(cycleId, FACTORY_ACTOR)).rejects.toMatchObject({
      code: ErrorCode.IllegalTransition,
      details: { event: 'CLOSE', outstandingAudits: 1 },
    });
  });

  it('closes a cycle once every audit is completed or withdrawn, and only once', async () => {
    const { cycleId } = await newAudit(s, { state: 'completed' });
    await expect(cycles.close(cycleId, FACTORY_ACTOR)).resolves.toMatchObject({ state: 'closed' });
    await expect(cycles.close(cycleId, FACTORY_ACTOR)).rejects.toMatchObject({
      code: ErrorCode.IllegalTransition,
      details: { state: 'closed', event: 'CLOSE' },
    });
  });

  it('closes a cycle by itself (the system) when its last audit still open is withdrawn', async () => {
    const withdrawn = await newAudit(s, { state: 'withdrawn' });
    const cycle = await s.db.read((m) => m.findOneByOrFail(Cycle, { id: withdrawn.cycleId }));
    expect(cycle.state).toBe('closed');
    const history = await s.db.read((m) => s.app.get(WorkflowRunner).history(m, 'cycle', withdrawn.cycleId));
    expect(history.at(-1)).toMatchObject({ event: 'CLOSE', actorId: null, actorLabel: 'system' });
    await expect(cycles.close(withdrawn.cycleId, FACTORY_ACTOR)).rejects.toMatchObject({
      code: ErrorCode.IllegalTransition,
    });
  });

  it('reallocates an audit and records who, from whom and why in the cycle history', async () => {
    const { id, cycleId, auditor } = await newAudit(s, { state: 'allocated' });
    const cover = await newActor(s.db, { role: Role.Iro });
    await expect(allocations.reallocate(id, cover.id, 'auditor on leave', FACTORY_ACTOR)).resolves.toEqual({
      auditId: id,
      auditorId: cover.id,
      state: 'allocated',
    });
    const history = (await s.app.get(CycleReadsService).history(cycleId, ALL)).items;
    expect(history.at(-1)).toMatchObject({
      event: 'REALLOCATE',
      detail: { auditId: id, fromAuditorId: auditor!.id, toAuditorId: cover.id, reason: 'auditor on leave' },
    });
    await expect(allocations.mine(cover, ALL)).resolves.toMatchObject({
      items: [expect.objectContaining({ auditId: id })],
      total: 1,
    });
  });

  it('never reallocates to the case’s own team manager, a non-auditor or someone inactive', async () => {
    const { id, case: theCase } = await newAudit(s, { state: 'allocated' });
    const manager = await newActor(s.db, { role: Role.TeamManager, teamId: theCase.teamId });
    const worker = await newActor(s.db, { role: Role.SocialWorker });
    const gone = await newActor(s.db, { role: Role.Iro, active: false });
    for (const who of [manager, worker, gone]) {
      await expect(
        allocations.reallocate(id, who.id, 'testing the rule', FACTORY_ACTOR),
      ).rejects.toMatchObject({
        code: ErrorCode.Validation,
        details: { errors: [expect.objectContaining({ field: 'auditorId' })] },
      });
    }
  });

  it('never gives an audit to the case’s worker by the register key, whatever their name', async () => {
    const theCase = await newCase(s.db, { worker: 'A. N. Other', workerKey: 'w-conflict' });
    const { id } = await newAudit(s, { state: 'allocated', case: theCase });
    const holder = await newActor(s.db, {
      role: Role.AdvancedPractitioner,
      displayName: 'Pat Practitioner',
      workerKey: 'w-conflict',
    });
    await expect(
      allocations.reallocate(id, holder.id, 'testing the rule', FACTORY_ACTOR),
    ).rejects.toMatchObject({
      code: ErrorCode.Validation,
      details: { errors: [expect.objectContaining({ field: 'auditorId' })] },
    });
    const eligible = await allocations.eligibleAuditors(id);
    expect(JSON.stringify(eligible)).not.toContain('Pat Practitioner');
  });

  it('refuses to reallocate an audit its auditor has started (409 naming state and event)', async () => {
    const { id } = await newAudit(s, { state: 'inProgress' });
    const cover = await newActor(s.db, { role: Role.Iro });
    await expect(allocations.reallocate(id, cover.id, 'too late', FACTORY_ACTOR)).rejects.toMatchObject({
      code: ErrorCode.IllegalTransition,
      details: { state: 'inProgress', event: 'ALLOCATE' },
    });
  });
});
