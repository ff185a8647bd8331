import { Audit } from '../../libs/audits/audit.entity.js';
import { ErrorCode } from '../../libs/common/domain-error.js';
import { WorkflowTransition } from '../../libs/persistence/workflow-transition.entity.js';
import { WorkflowRunner } from '../../libs/persistence/workflow-runner.service.js';
import { auditMachine } from '../../workflows/audit.machine.js';
import { AGREED_DISCUSSION } from '../support/audit-fixtures.js';
import { FACTORY_ACTOR, newAudit } from '../support/factories.js';
import { type ServiceTestModule, startServices } from '../support/service-module.js';

/**
 * The runner writes its UPDATE and history row as fixed SQL (no query builder per transition):
 * what lands in the row must be what TypeORM's builder and the timestamp subscriber wrote.
 * (The journeys run the same writes on PostgreSQL: audit-lifecycle.e2e-spec.ts.)
 */
describe('WorkflowRunner.send (service tier: real SQLite, no HTTP)', () => {
  let s: ServiceTestModule;
  let runner: WorkflowRunner;
  const rowOf = (id: number) => s.db.read((m) => m.findOneByOrFail(Audit, { id }));
  const historyOf = (id: number) =>
    s.db.read((m) =>
      m.find(WorkflowTransition, { where: { entityType: 'audit', entityId: id }, order: { id: 'ASC' } }),
    );
  const startedAudit = async () => {
    const { id, auditor } = await newAudit(s, { state: 'inProgress' });
    return { id, auditorId: auditor!.id, audit: await rowOf(id) };
  };

  beforeAll(async () => {
    s = await startServices('workflow-runner');
    runner = s.app.get(WorkflowRunner);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('stores the snapshot, state, next version, patch and clock stamp, and appends one history row', async () => {
    const { id, auditorId, audit } = await startedAudit();
    s.clock.advance(60_000);
    const at = s.clock.nowIso();
    const discussion = { ...AGREED_DISCUSSION, heldOn: s.clock.today() };
    const sent = await s.db.transaction((m) =>
      runner
        .send(m, {
          machine: auditMachine,
          entity: Audit,
          entityType: 'audit',
          record: audit,
          event: { type: 'REOPEN', actorId: auditorId },
          actor: FACTORY_ACTOR,
          patch: { discussion: discussion as never, discussionHappened: true },
        })
        .catch((error: unknown) => error),
    );
    // REOPEN is illegal from inProgress: refused before anything is written.
    expect(sent).toMatchObject({ code: ErrorCode.IllegalTransition });
    expect(await rowOf(id)).toMatchObject({ version: audit.version, updatedAt: audit.updatedAt });

    const before = (await historyOf(id)).length;
    const moved = await s.db.transaction((m) =>
      runner.send(m, {
        machine: auditMachine,
        entity: Audit,
        entityType: 'audit',
        record: audit,
        event: { type: 'WITHDRAW', reason: 'moved out of area' },
        actor: { id: auditorId, label: 'auditor' },
        patch: { discussion: discussion as never, discussionHappened: true },
      }),
    );
    const row = await rowOf(id);
    expect(row).toMatchObject({
      state: moved.state,
      version: audit.version + 1,
      updatedAt: at,
      discussion,
      discussionHappened: true,
      machineVersion: audit.machineVersion,
    });
    expect(row.snapshot).toEqual(moved.snapshot);
    expect(moved).toMatchObject({ version: audit.version + 1, updatedAt: at });
    const history = await historyOf(id);
    expect(history).toHaveLength(before + 1);
    expect(history.at(-1)).toMatchObject({
      event: 'WITHDRAW',
      fromState: 'inProgress',
      toState: row.state,
      actorId: auditorId,
      actorLabel: 'auditor',
      at,
    });
  });

  it('refuses a stale version with no change to the row and no history row', async () => {
    const { id, auditorId, audit } = await startedAudit();
    const before = await historyOf(id);
    const stale = await s.db
      .transaction((m) =>
        runner.send(m, {
          machine: auditMachine,
          entity: Audit,
          entityType: 'audit',
          record: audit,
          event: { type: 'WITHDRAW', reason: 'moved out of area' },
          actor: { id: auditorId, label: 'auditor' },
          expectedVersion: audit.version - 1,
        }),
      )
      .catch((error: unknown) => error);
    expect(stale).toMatchObject({ code: ErrorCode.StaleUpdate });
    // Also when the row moved under the caller's read (the UPDATE's version check, not the pre-check).
    const raced = await s.db
      .transaction(async (m) => {
        await m.update(Audit, { id }, { version: audit.version + 5 });
        return runner.send(m, {
          machine: auditMachine,
          entity: Audit,
          entityType: 'audit',
          record: audit,
          event: { type: 'WITHDRAW', reason: 'moved out of area' },
          actor: { id: auditorId, label: 'auditor' },
        });
      })
      .catch((error: unknown) => error);
    expect(raced).toMatchObject({ code: ErrorCode.StaleUpdate });
    expect(await rowOf(id)).toMatchObject({ state: 'inProgress', version: audit.version });
    expect(await historyOf(id)).toEqual(before);
  });

  it('records a change that is no event: next version, patch, and a row from the state to itself', async () => {
    const { id, audit } = await startedAudit();
    s.clock.advance(60_000);
    const at = s.clock.nowIso();
    const before = (await historyOf(id)).length;
    const earlier = { from: 'The child', how: 'A visit', said: 'Fine' };
    const change = (expectedVersion: number) =>
      s.db.transaction((m) =>
        runner.recordChange(m, {
          entity: Audit,
          entityType: 'audit',
          record: audit,
          change: 'RECORD_FEEDBACK',
          actor: { id: null, label: 'someone' },
          expectedVersion,
          patch: { familyFeedback: { from: 'The mother', how: 'A call', said: 'Better' } },
          detail: { earlier },
        }),
      );
    // A stale version writes nothing.
    await expect(change(audit.version - 1)).rejects.toMatchObject({ code: ErrorCode.StaleUpdate });
    expect(await historyOf(id)).toHaveLength(before);
    await change(audit.version);
    expect(await rowOf(id)).toMatchObject({
      state: 'inProgress',
      version: audit.version + 1,
      updatedAt: at,
      familyFeedback: { from: 'The mother', how: 'A call', said: 'Better' },
    });
    const rows = await historyOf(id);
    expect(rows.slice(before)).toEqual([
      expect.objectContaining({
        event: 'RECORD_FEEDBACK',
        fromState: 'inProgress',
        toState: 'inProgress',
        actorLabel: 'someone',
        detail: { earlier },
        at,
      }),
    ]);
  });
});
