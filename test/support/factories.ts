import type { INestApplicationContext } from '@nestjs/common';
import { AuditsService } from '../../libs/audits/audits.service.js';
import { ModerationService } from '../../libs/audits/moderation.service.js';
import type { AuthenticatedUser } from '../../libs/auth/authenticated-user.js';
import { Case } from '../../libs/cases/case.entity.js';
import { AllocationsService } from '../../libs/cycles/allocations.service.js';
import { Audit } from '../../libs/audits/audit.entity.js';
import { CyclesService, type OpenCycleRequest } from '../../libs/cycles/cycles.service.js';
import { Locality } from '../../libs/org/locality.entity.js';
import { Role } from '../../libs/org/role.js';
import { Team } from '../../libs/org/team.entity.js';
import { User } from '../../libs/org/user.entity.js';
import { Db } from '../../libs/persistence/db.service.js';
import { WorkflowRunner } from '../../libs/persistence/workflow-runner.service.js';
import { auditMachine } from '../../workflows/audit.machine.js';
import { AGREED_DISCUSSION, completeDraft } from './audit-fixtures.js';
import type { ProposedAction } from '../../workflows/audit-draft.js';
import { newUser } from './test-app.js';

/**
 * Factories for the service and e2e tiers: each call makes its own rows, so every `it` can build
 * what it needs and no test depends on another having run first. They work on anything that
 * resolves the feature services: a TestApp's `app` or a service-tier TestingModule.
 */
export interface TestContext {
  db: Db;
  app: Pick<INestApplicationContext, 'get'>;
}

/** The resting states of the audit machine a factory can deliver (submitted is transient). */
export type FactoryAuditState =
  | 'unallocated'
  | 'allocated'
  | 'inProgress'
  | 'awaitingDiscussion'
  | 'inModeration'
  | 'completed'
  | 'closed'
  | 'withdrawn';

export const FACTORY_ACTOR = { id: null, label: 'factory (test)' };

let seq = 0;
const unique = (prefix: string) => `${prefix}-${++seq}`;

/** The user as the guards would attach them to a request. */
export async function authenticated(db: Db, id: number): Promise<AuthenticatedUser> {
  const user = await db.read((m) => m.findOneByOrFail(User, { id }));
  const { username, displayName, role, teamId, localityId } = user;
  return { id, username, displayName, role, teamId, localityId };
}

/** `newUser`, answered as the authenticated user the services take. */
export async function newActor(db: Db, user: Parameters<typeof newUser>[1]): Promise<AuthenticatedUser> {
  return authenticated(db, await newUser(db, user));
}

/** A team of its own (in a locality of its own unless one is given). */
export async function newTeam(
  db: Db,
  overrides: { name?: string; cohortCode?: string; localityId?: number } = {},
): Promise<Team> {
  return db.transaction(async (m) => {
    const localityId =
      overrides.localityId ??
      Number((await m.insert(Locality, { name: unique('Locality') })).identifiers[0].id);
    const { identifiers } = await m.insert(Team, {
      name: overrides.name ?? unique('Team'),
      localityId,
      cohortCode: overrides.cohortCode ?? 'CP',
      isUnallocated: false,
    });
    return m.findOneByOrFail(Team, { id: Number(identifiers[0].id) });
  });
}

/** An open case on the register, in a team of its own unless `teamId` says otherwise. */
export async function newCase(db: Db, overrides: Partial<Omit<Case, 'id'>> = {}): Promise<Case> {
  const cohortCode = overrides.cohortCode ?? 'CP';
  const teamId = overrides.teamId ?? (await newTeam(db, { cohortCode })).id;
  return db.transaction(async (m) => {
    const { identifiers } = await m.insert(Case, {
      caseRef: unique('CASE'),
      worker: 'Case Worker',
      teamManager: null,
      openedOn: '2025-01-15',
      closedOn: null,
      ...overrides,
      cohortCode,
      teamId,
    });
    return m.findOneByOrFail(Case, { id: Number(identifiers[0].id) });
  });
}

export interface NewAuditOptions {
  state?: FactoryAuditState;
  /** The case to audit; by default a new case in a team of its own. */
  case?: Case;
  /** Who audits it; by default whoever the draw picks (or a new advanced practitioner). */
  auditor?: AuthenticatedUser;
  /** Overrides for the themed cycle opened around the case. */
  cycle?: Partial<OpenCycleRequest>;
}

export interface FactoryAudit {
  id: number;
  cycleId: number;
  case: Case;
  /** Null only for an unallocated audit. */
  auditor: AuthenticatedUser | null;
  audit: Audit;
}

const PATH: FactoryAuditState[] = [
  'allocated',
  'inProgress',
  'awaitingDiscussion',
  'inModeration',
  'completed',
];

/**
 * An audit in `state`, reached the way the service reaches it: a themed cycle drawn around one
 * case, then the auditor's and moderator's real commands. No snapshot is written by hand: an
 * unallocated audit gets the machine's own initial snapshot, a closed one the machine's CLOSE.
 */
export async function newAudit(ctx: TestContext, options: NewAuditOptions = {}): Promise<FactoryAudit> {
  const { db, app } = ctx;
  const state = options.state ?? 'allocated';
  const theCase = options.case ?? (await newCase(db));
  const team = await db.read((m) => m.findOneByOrFail(Team, { id: theCase.teamId }));
  const document = await app.get(CyclesService).open(
    {
      month: '2026-12',
      kind: 'themed',
      title: unique('Factory cycle'),
      count: 1,
      tier3Count: 0,
      seed: unique('factory'),
      filter: { teams: [team.name] },
      // Every submission goes to a moderator, so inModeration and completed are both reachable.
      moderationRate: 1,
      ...options.cycle,
    },
    FACTORY_ACTOR,
  );
  const drawn = await db.read((m) => m.findOneBy(Audit, { cycleId: document.id, caseId: theCase.id }));
  if (!drawn) throw new Error(`the factory's cycle did not draw ${theCase.caseRef}`);
  const id = drawn.id;
  const reload = () => db.read((m) => m.findOneByOrFail(Audit, { id }));
  const result = (auditor: AuthenticatedUser | null) =>
    reload().then((audit) => ({ id, cycleId: document.id, case: theCase, auditor, audit }));

  if (state === 'unallocated') {
    const { snapshot, state: initial } = app.get(WorkflowRunner).initialSnapshot(auditMachine);
    await db.transaction((m) =>
      m.update(
        Audit,
        { id },
        {
          auditorId: null,
          unallocatedReason: 'no auditor free of conflict',
          state: initial,
          snapshot: snapshot as never,
        },
      ),
    );
    return result(null);
  }

  let auditorId = (await reload()).auditorId;
  const wanted =
    options.auditor ??
    (auditorId === null ? await newActor(db, { role: Role.AdvancedPractitioner }) : undefined);
  if (wanted && wanted.id !== auditorId) {
    await app
      .get(AllocationsService)
      .reallocate(id, wanted.id, 'factory: the test picks the auditor', FACTORY_ACTOR);
    auditorId = wanted.id;
  }
  const auditor = wanted ?? (await authenticated(db, auditorId!));

  await driveAudit(ctx, id, auditor, state);
  return result(auditor);
}

/**
 * Moves an allocated audit on to `state` through the real commands: the auditor's start, draft,
 * grading, discussion and submission, then the moderator's judgement (the cycle must send the
 * submission to a moderator: a moderation rate of 1), or the administrator's withdrawal.
 */
export async function driveAudit(
  ctx: TestContext,
  id: number,
  auditor: AuthenticatedUser,
  state: Exclude<FactoryAuditState, 'unallocated'>,
): Promise<Audit> {
  const { db, app } = ctx;
  const reload = () => db.read((m) => m.findOneByOrFail(Audit, { id }));
  if (state === 'withdrawn') {
    await app.get(AllocationsService).withdraw(id, 'Case closed before the audit', FACTORY_ACTOR);
    return reload();
  }
  const target = state === 'closed' ? 'completed' : state;
  const audits = app.get(AuditsService);
  const reached = (s: FactoryAuditState) => PATH.indexOf(target) >= PATH.indexOf(s);
  const { cohortCode } = await reload();
  let { version } = await reload();
  if (reached('inProgress')) ({ version } = await audits.start(id, auditor));
  if (reached('awaitingDiscussion')) {
    // An audit with an open action stays completed; one with none closes as its grades stand.
    const actions = state === 'closed' ? [] : [await factoryAction(db, (await reload()).teamId)];
    const draft = { ...completeDraft(cohortCode), actions };
    ({ version } = await audits.saveDraft(id, draft, version, auditor));
    ({ version } = await audits.finishGrading(id, version, auditor));
  }
  if (reached('inModeration')) {
    await ensureModerator(db, auditor.id);
    ({ version } = await audits.recordDiscussion(id, AGREED_DISCUSSION, version, auditor));
    await audits.submit(id, version, auditor);
  }
  if (reached('completed')) {
    const submitted = await reload();
    if (submitted.moderatorId === null)
      throw new Error('the factory expected the audit to go to a moderator');
    await app
      .get(ModerationService)
      .moderate(
        id,
        { overallGrade: 'good', version: submitted.version },
        await authenticated(db, submitted.moderatorId),
      );
  }
  // A closed audit closed itself once its grades stood: it raised no action.
  return reload();
}

/**
 * A proposed action that keeps its audit open once completed, owned by a social worker of the
 * audit's team (a user in the case's locality, as the owner rule asks).
 */
export async function factoryAction(db: Db, teamId: number): Promise<ProposedAction> {
  const team = await db.read((m) => m.findOneByOrFail(Team, { id: teamId }));
  const ownerId = await newUser(db, { role: Role.SocialWorker, teamId, localityId: team.localityId });
  return {
    what: 'Update the chronology',
    why: 'The chronology stops in March',
    ownerId,
    dueOn: '2027-01-31',
    successMeasure: 'A chronology up to date at the next review',
  };
}

/** A moderator other than the auditor, so that a submission has someone to go to. */
async function ensureModerator(db: Db, auditorId: number): Promise<void> {
  const others = await db.read((m) =>
    m
      .createQueryBuilder(User, 'u')
      .where('u.role = :role AND u.active = :active AND u.id != :auditorId', {
        role: Role.Moderator,
        active: true,
        auditorId,
      })
      .getCount(),
  );
  if (others === 0) await newUser(db, { role: Role.Moderator });
}
