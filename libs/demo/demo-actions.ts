import { type PlanItemInput, type PlanItemsService, plusDays } from '../actions/index.js';
import { auditForAllocation } from '../audits/index.js';
import { caseForAllocation } from '../cases/index.js';
import { normaliseWorkerKey } from '../common/index.js';
import { listUsers, type OrgUser, Role } from '../org/index.js';
import type { Db, WorkflowRunner } from '../persistence/index.js';
import { type DemoActionState, raiseDemoAction } from './demo-action-run.js';

/** The demo plan: improvement-plan items and inspection recommendations, one per RAG colour. */
const PLAN_ITEMS: PlanItemInput[] = [
  {
    reference: 'IP-1.1',
    title: 'Plans for children in need have timescales and a contingency',
    source: 'improvement_plan',
    owner: 'Head of Service, North',
  },
  {
    reference: 'IP-1.2',
    title: 'Chronologies are up to date on every case',
    source: 'improvement_plan',
    owner: 'Head of Service, Central',
  },
  {
    reference: 'IP-2.1',
    title: 'Management oversight is recorded at every supervision',
    source: 'improvement_plan',
    owner: 'Head of Service, East',
  },
  {
    reference: 'REC-1',
    title: 'Children’s views are recorded and shape their plans',
    source: 'inspection_recommendation',
    owner: 'Director of Children’s Services',
  },
  {
    reference: 'REC-2',
    title: 'Strategy discussions include health and the police',
    source: 'inspection_recommendation',
    owner: 'Director of Children’s Services',
  },
];

interface DemoActionSpec {
  /** The plan item's reference, or null for an action that cites none. */
  plan: string | null;
  state: DemoActionState;
  /** Days from the demo's today; negative is overdue while work is owed. */
  due: number;
  what: string;
}

/**
 * Every state, some overdue (one by more than 14 days, so the overdue job escalates it), and
 * the plan items in each colour: IP-1.1 red, IP-1.2 amber, IP-2.1 green, REC-1 blue, REC-2 none.
 */
const ACTIONS: DemoActionSpec[] = [
  { plan: 'IP-1.1', state: 'open', due: -16, what: 'Write a contingency plan into the child’s plan' },
  { plan: 'IP-1.1', state: 'inProgress', due: -3, what: 'Set timescales for each outcome in the plan' },
  { plan: 'IP-1.1', state: 'open', due: 30, what: 'Review the plan with the family at the next visit' },
  { plan: 'IP-1.2', state: 'inProgress', due: 5, what: 'Bring the chronology up to date' },
  { plan: 'IP-1.2', state: 'open', due: 12, what: 'Add the last three months’ events to the chronology' },
  { plan: 'IP-1.2', state: 'done', due: 2, what: 'Record the school’s concerns on the chronology' },
  { plan: 'IP-2.1', state: 'open', due: 40, what: 'Record the manager’s decisions at supervision' },
  { plan: 'IP-2.1', state: 'inProgress', due: 25, what: 'Add a supervision record for each month' },
  { plan: 'IP-2.1', state: 'done', due: -1, what: 'Record why the plan changed after supervision' },
  { plan: 'REC-1', state: 'closed', due: -5, what: 'Record the child’s wishes in their own words' },
  { plan: 'REC-1', state: 'closed', due: 10, what: 'Show how the child’s views changed the plan' },
  { plan: 'REC-1', state: 'cancelled', due: 20, what: 'Arrange an advocate for the child' },
  { plan: null, state: 'open', due: -2, what: 'Send the strategy discussion notes to the police' },
  { plan: null, state: 'cancelled', due: 8, what: 'Book a family group conference' },
];

const actorOf = (user: OrgUser) => ({ id: user.id, label: `${user.username} (${user.role})` });

/**
 * The demo's actions, raised on its submitted audits: owned by the case's social worker (or
 * the team manager when no social worker is linked), verified or cancelled by the team manager
 * (or the advanced practitioner when the manager owns it), due relative to `today`. Returns how
 * many plan items and actions it made.
 */
export async function loadDemoActions(
  deps: { db: Db; workflows: WorkflowRunner; planItems: PlanItemsService },
  auditIds: readonly number[],
  today: string,
  now: string,
): Promise<{ planItems: number; actions: number }> {
  const { db, workflows, planItems } = deps;
  if (auditIds.length === 0) return { planItems: 0, actions: 0 };
  const planIds = new Map<string, number>();
  for (const item of PLAN_ITEMS) planIds.set(item.reference, (await planItems.create(item)).id);
  const actions = await db.transaction(async (m) => {
    const users = (await listUsers(m)).filter((u) => u.active);
    const inTeam = (teamId: number, role: Role) => users.find((u) => u.teamId === teamId && u.role === role);
    let made = 0;
    for (const [n, spec] of ACTIONS.entries()) {
      const audit = await auditForAllocation(m, auditIds[n % auditIds.length]);
      if (!audit || audit.auditorId === null) continue;
      const theCase = await caseForAllocation(m, audit.caseId);
      const key = normaliseWorkerKey(theCase.workerKey);
      const worker = users.find((u) => u.role === Role.SocialWorker && key !== null && u.workerKey === key);
      const manager = inTeam(audit.teamId, Role.TeamManager);
      const owner = worker ?? manager;
      const verifier = owner === manager ? inTeam(audit.teamId, Role.AdvancedPractitioner) : manager;
      const auditor = users.find((u) => u.id === audit.auditorId);
      if (!owner || !verifier || !auditor) continue;
      await raiseDemoAction(
        m,
        workflows,
        {
          auditId: audit.id,
          teamId: audit.teamId,
          owner: actorOf(owner),
          manager: actorOf(verifier),
          raisedBy: actorOf(auditor),
          what: spec.what,
          why: 'The audit found the case record does not show this.',
          successMeasure: 'The next audit of the case finds it on the record.',
          dueOn: plusDays(today, spec.due),
          planItemId: spec.plan === null ? null : planIds.get(spec.plan)!,
          state: spec.state,
        },
        now,
      );
      made++;
    }
    return made;
  });
  return { planItems: planIds.size, actions };
}
