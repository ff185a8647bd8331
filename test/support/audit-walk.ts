import type { INestApplication } from '@nestjs/common';
import { Audit } from '../../libs/audits/audit.entity.js';
import { AuditsService } from '../../libs/audits/audits.service.js';
import { EscalationsService } from '../../libs/audits/escalations.service.js';
import { ModerationService } from '../../libs/audits/moderation.service.js';
import type { AuthenticatedUser } from '../../libs/auth/authenticated-user.js';
import { WorkflowRunner } from '../../libs/persistence/workflow-runner.service.js';
import { type AuditEvent, auditMachine } from '../../workflows/audit.machine.js';
import { AGREED_DISCUSSION, completeDraft } from './audit-fixtures.js';
import { DEFAULT_AUDIT_TOOL } from './default-audit-tool.js';
import { authenticated, FACTORY_ACTOR, factoryAction, newAudit, type TestContext } from './factories.js';

/**
 * Audits in every state of the audit machine, for the walk over every write route
 * (audit-after-submit.e2e-spec.ts). Each is reached through the services, and from the start on
 * carries what a later change could replace: family feedback, an escalation, the discussion.
 */
export interface WalkAudit {
  id: number;
  cycleId: number;
  escalationId: number | null;
}

export const FEEDBACK = { from: 'The child', how: 'A home visit', said: 'My social worker listens to me' };

/** POST/PUT routes of the running app, as `METHOD /path` (Express 5's router, as Nest built it). */
export function writeRoutes(app: INestApplication): string[] {
  const router = (app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } }).router;
  return router.stack
    .filter((layer) => layer.route)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${layer.route!.path}`),
    );
}
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** An audit in `state`, audited by `auditor`. */
export async function auditIn(
  ctx: TestContext,
  state: string,
  auditor: AuthenticatedUser,
): Promise<WalkAudit> {
  if (state === 'unallocated' || state === 'withdrawn' || state === 'allocated') {
    const made = await newAudit(ctx, { state, auditor });
    return { id: made.id, cycleId: made.cycleId, escalationId: null };
  }
  const made = await newAudit(ctx, { state: 'allocated', auditor });
  const { id } = made;
  const audits = ctx.app.get(AuditsService);
  const reload = () => ctx.db.read((m) => m.findOneByOrFail(Audit, { id }));
  const started = await audits.start(id, auditor);
  await audits.recordFamilyFeedback(id, FEEDBACK, started.version, auditor);
  const escalation = await ctx.app
    .get(EscalationsService)
    .raise(id, 'Child left with an unassessed adult', auditor);
  let { version } = await reload();
  // An open action keeps a completed audit completed; a closed one raised none and closed itself.
  const actions = state === 'closed' ? [] : [await factoryAction(ctx.db, (await reload()).teamId)];
  ({ version } = await audits.saveDraft(id, { ...completeDraft('CP'), actions }, version, auditor));
  const walk = { id, cycleId: made.cycleId, escalationId: escalation.id };
  if (state === 'inProgress') return walk;
  ({ version } = await audits.finishGrading(id, version, auditor));
  ({ version } = await audits.recordDiscussion(id, AGREED_DISCUSSION, version, auditor));
  if (state === 'awaitingDiscussion') return walk;
  if (state === 'submitted') {
    // The service moves on from submitted in the request that enters it: held here with the
    // machine's own SUBMIT, as a request caught between the two steps would find it.
    await send(ctx, id, {
      type: 'SUBMIT',
      actorId: auditor.id,
      tool: DEFAULT_AUDIT_TOOL,
      cohort: 'CP',
      draft: completeDraft('CP'),
    });
    return walk;
  }
  await audits.submit(id, version, auditor);
  if (state === 'inModeration') return walk;
  const submitted = await reload();
  const moderator = await authenticated(ctx.db, submitted.moderatorId!);
  await ctx.app
    .get(ModerationService)
    .moderate(id, { overallGrade: 'good', version: submitted.version, comment: 'Agreed' }, moderator);
  if (state === 'completed') return walk;
  if (state === 'closed') return walk;
  throw new Error(`no way to ${state} known to the walk`);
}

async function send(ctx: TestContext, id: number, event: AuditEvent) {
  await ctx.db.transaction(async (m) =>
    ctx.app.get(WorkflowRunner).send(m, {
      machine: auditMachine,
      entity: Audit,
      entityType: 'audit',
      record: await m.findOneByOrFail(Audit, { id }),
      event,
      actor: FACTORY_ACTOR,
    }),
  );
}
