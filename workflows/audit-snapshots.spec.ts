import { type AnyActorRef, createActor, type Snapshot } from 'xstate';
import { appliesTo, type Grade } from './audit-tool-definition.js';
import { DEFAULT_AUDIT_TOOL } from '../test/support/default-audit-tool.js';
import type { AuditDraft } from './audit-draft.js';
import { auditV1ToV2, type LegacyAuditSnapshotV1 } from './audit-snapshots.js';
import { type AuditContext, type AuditEvent, auditMachine } from './audit.machine.js';

const AUDITOR = 7;

/** A v1 audit row as the first release stored it: the snapshot column held only the status. */
const V1_ALLOCATED_ROW = JSON.parse(`{
  "id": 41,
  "cycleId": 3,
  "caseId": 1207,
  "auditorId": 7,
  "withdrawnReason": null,
  "machineId": "audit",
  "machineVersion": "1",
  "state": "allocated",
  "snapshot": {"status":"allocated"}
}`) as { auditorId: number | null; withdrawnReason: string | null; snapshot: LegacyAuditSnapshotV1 };

const cohort = 'CP';
const completeDraft: AuditDraft = {
  domains: Object.fromEntries(
    DEFAULT_AUDIT_TOOL.domains
      .filter((d) => appliesTo(d, cohort))
      .map((d) => [d.key, { grade: 'good' as Grade }]),
  ),
  compliance: Object.fromEntries(
    DEFAULT_AUDIT_TOOL.compliance.filter((i) => appliesTo(i, cohort)).map((i) => [i.key, 'met' as const]),
  ),
  improved: 'no',
  overall: { grade: 'good', rationale: 'Seen alone; plan current.' },
};
const grading = { tool: DEFAULT_AUDIT_TOOL, cohort, draft: completeDraft };

/** Migrates, stores as JSON (as the snapshot column does), and restores into a running actor. */
function restore(
  v1: LegacyAuditSnapshotV1,
  row: { auditorId: number | null; withdrawnReason: string | null },
) {
  const stored = JSON.parse(JSON.stringify(auditV1ToV2(v1, row))) as Snapshot<unknown>;
  return createActor(auditMachine, { snapshot: stored }).start();
}
const sendAll = (actor: ReturnType<typeof restore>, ...events: AuditEvent[]) => {
  for (const event of events) {
    expect(actor.getSnapshot().can(event)).toBe(true);
    actor.send(event);
  }
  return actor.getSnapshot();
};
/** The persisted snapshot the v2 machine writes itself after these events. */
const persistedAfter = (...events: AuditEvent[]) => {
  const actor = createActor(auditMachine).start();
  for (const event of events) actor.send(event);
  const persisted = actor.getPersistedSnapshot();
  actor.stop();
  return JSON.parse(JSON.stringify(persisted)) as unknown;
};
const running: AnyActorRef[] = [];
afterEach(() => running.splice(0).forEach((actor) => actor.stop()));

describe('auditV1ToV2', () => {
  const context = (overrides: Partial<AuditContext>): AuditContext => ({
    auditorId: null,
    escalations: 0,
    discussionRecorded: false,
    moderated: false,
    withdrawnReason: null,
    ...overrides,
  });

  it.each<[LegacyAuditSnapshotV1['status'], number | null, string | null, 'active' | 'done']>([
    ['unallocated', null, null, 'active'],
    ['allocated', AUDITOR, null, 'active'],
    ['withdrawn', AUDITOR, 'Case closed before the audit', 'done'],
    ['withdrawn', null, 'Child moved out of the area', 'done'],
    ['completed', AUDITOR, null, 'active'],
  ])(
    'restores a v1 %s audit (auditor %j, reason %j) in the same state',
    (status, auditorId, reason, done) => {
      const actor = restore({ status }, { auditorId, withdrawnReason: reason });
      running.push(actor);
      const snapshot = actor.getSnapshot();
      expect(snapshot.value).toBe(status);
      expect(snapshot.status).toBe(done);
      expect(snapshot.context).toEqual(context({ auditorId, withdrawnReason: reason }));
    },
  );

  it('migrates the fixture row of the first release, and the auditor carries on with the new machine', () => {
    const actor = restore(V1_ALLOCATED_ROW.snapshot, V1_ALLOCATED_ROW);
    running.push(actor);
    expect(actor.getSnapshot().value).toBe('allocated');
    expect(actor.getSnapshot().context.auditorId).toBe(7);
    expect(actor.getSnapshot().can({ type: 'START', actorId: 8 })).toBe(false);
    const after = sendAll(
      actor,
      { type: 'START', actorId: AUDITOR },
      { type: 'ESCALATE', actorId: AUDITOR },
      { type: 'FINISH_GRADING', actorId: AUDITOR, ...grading },
    );
    expect(after.value).toBe('awaitingDiscussion');
    expect(after.context).toEqual(context({ auditorId: AUDITOR, escalations: 1 }));
  });

  it('gives the same persisted snapshot as the v2 machine would have written', () => {
    const migrate = (
      status: LegacyAuditSnapshotV1['status'],
      auditorId: number | null,
      reason: string | null,
    ) =>
      JSON.parse(JSON.stringify(auditV1ToV2({ status }, { auditorId, withdrawnReason: reason }))) as unknown;
    expect(migrate('unallocated', null, null)).toEqual(persistedAfter());
    expect(migrate('allocated', AUDITOR, null)).toEqual(
      persistedAfter({ type: 'ALLOCATE', auditorId: AUDITOR }),
    );
    expect(migrate('withdrawn', null, 'Case closed')).toEqual(
      persistedAfter({ type: 'WITHDRAW', reason: 'Case closed' }),
    );
  });

  it.each([
    ['unallocated', null, null, ['awaitingAuditor', 'countsAsAudited', 'open']],
    ['allocated', AUDITOR, null, ['countsAsAudited', 'countsTowardsLoad', 'open', 'withAuditor']],
    [
      'completed',
      AUDITOR,
      null,
      [
        'awaitingActions',
        'countsAsAudited',
        'resolved',
        'started',
        'takesFamilyFeedback',
        'visibleToCaseTeam',
        'withAuditor',
      ],
    ],
    ['withdrawn', null, 'Case closed', ['finished', 'resolved']],
  ] as const)(
    'a migrated %s audit reports its state’s tags once restored',
    (status, auditorId, reason, tags) => {
      const actor = restore({ status }, { auditorId, withdrawnReason: reason });
      running.push(actor);
      const snapshot = actor.getSnapshot();
      expect([...snapshot.tags].sort()).toEqual(tags);
      for (const tag of tags) expect(snapshot.hasTag(tag)).toBe(true);
    },
  );

  it('lets a migrated unallocated audit be allocated and started by the new auditor', () => {
    const actor = restore({ status: 'unallocated' }, { auditorId: null, withdrawnReason: null });
    running.push(actor);
    expect(actor.getSnapshot().can({ type: 'START', actorId: AUDITOR })).toBe(false);
    const after = sendAll(
      actor,
      { type: 'ALLOCATE', auditorId: AUDITOR },
      { type: 'START', actorId: AUDITOR },
    );
    expect(after.value).toBe('inProgress');
  });

  it('lets a migrated allocated audit be withdrawn, with its reason', () => {
    const actor = restore({ status: 'allocated' }, { auditorId: AUDITOR, withdrawnReason: null });
    running.push(actor);
    expect(actor.getSnapshot().can({ type: 'WITHDRAW', reason: ' ' })).toBe(false);
    const after = sendAll(actor, { type: 'WITHDRAW', reason: 'Case closed' });
    expect([after.value, after.status, after.context.withdrawnReason]).toEqual([
      'withdrawn',
      'done',
      'Case closed',
    ]);
  });

  it('lets a migrated completed audit close once its actions are closed, and nothing else', () => {
    const actor = restore({ status: 'completed' }, { auditorId: AUDITOR, withdrawnReason: null });
    running.push(actor);
    const snapshot = actor.getSnapshot();
    expect(snapshot.can({ type: 'CLOSE', openActions: 2 })).toBe(false);
    expect(snapshot.can({ type: 'START', actorId: AUDITOR })).toBe(false);
    expect(snapshot.can({ type: 'ALLOCATE', auditorId: 8 })).toBe(false);
    expect(sendAll(actor, { type: 'CLOSE', openActions: 0 }).value).toBe('closed');
  });

  it('leaves a migrated withdrawn audit final', () => {
    const actor = restore({ status: 'withdrawn' }, { auditorId: null, withdrawnReason: 'Duplicate case' });
    running.push(actor);
    const events: AuditEvent[] = [
      { type: 'ALLOCATE', auditorId: AUDITOR },
      { type: 'WITHDRAW', reason: 'Again' },
      { type: 'CLOSE', openActions: 0 },
    ];
    for (const event of events) expect(actor.getSnapshot().can(event)).toBe(false);
  });

  it('takes the auditor and reason from the row, not from a v1 snapshot that happens to carry them', () => {
    const v1: LegacyAuditSnapshotV1 = { status: 'allocated', auditorId: 99, withdrawnReason: 'stale' };
    const actor = restore(v1, { auditorId: AUDITOR, withdrawnReason: null });
    running.push(actor);
    expect(actor.getSnapshot().context).toEqual(context({ auditorId: AUDITOR }));
  });

  it('refuses a status that no version of the machine has', () => {
    expect(() =>
      auditV1ToV2({ status: 'archived' } as unknown as LegacyAuditSnapshotV1, {
        auditorId: AUDITOR,
        withdrawnReason: null,
      }),
    ).toThrow();
  });
});
