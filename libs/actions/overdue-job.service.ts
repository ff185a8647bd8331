import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/index.js';
import { type NewNotification, OutboxService } from '../notifications/index.js';
import { activeUsersInRoles, Role } from '../org/index.js';
import { Db, WorkflowRunner } from '../persistence/index.js';
import { NOTICE_STEPS, type NoticeStep } from './action-notice.entity.js';
import { ACTION_JOB_CONFIG, type ActionJobConfig } from './action-job-config.js';
import { type Candidate, claimNotices, unclaimedCandidates } from './overdue-candidates.js';
import { daysBetween, type DueWindow, noticeWindows } from './rules/notice-dates.js';

/** The notices one run claimed and sent (reminders early and last together). */
export interface OverdueJobResult {
  reminded: number;
  overdue: number;
  escalated: number;
}

/** Candidates read at once (a few megabytes at most), then claimed in batches. */
export const OVERDUE_JOB_READ = 50_000;
/** Actions per transaction: one claiming INSERT, the outbox rows, the history rows. */
export const OVERDUE_JOB_BATCH = 5000;

/** The history's name for actions (as the action commands write it) and the job's actor. */
const ENTITY_TYPE = 'action';
const SYSTEM = { id: null, label: 'system' };

/** The people to tell beyond the owner: active team managers by team, heads of service by locality. */
interface Managers {
  byTeam: Map<number, number[]>;
  byLocality: Map<number, number[]>;
}

/**
 * One job for reminders, overdue notices and escalation (see rules/notice-dates.ts for which step
 * is due when). It reads only candidates, by due-date window (at most 50,000 at a time: ids and
 * a few columns, never an action's text), and claims them in batches of 5,000; it claims each
 * (action, step, due date) with an INSERT that exactly one caller wins, however many app
 * instances or CLI runs race; and only the winner enqueues the notices, in the transaction of the
 * claim, so a notice is never lost nor sent twice. Delivery is the outbox's, after commit.
 */
@Injectable()
export class OverdueJobService {
  private readonly logger = new Logger(OverdueJobService.name);

  constructor(
    private readonly db: Db,
    private readonly outbox: OutboxService,
    private readonly runner: WorkflowRunner,
    private readonly clock: Clock,
    @Inject(ACTION_JOB_CONFIG) private readonly config: ActionJobConfig,
  ) {}

  /** Runs the job for `today` (YYYY-MM-DD in Europe/London; the Clock's day by default). */
  async run(options: { today?: string } = {}): Promise<OverdueJobResult> {
    const today = options.today ?? this.clock.today();
    const windows = noticeWindows(today, this.config.policy);
    const managers = await this.db.read(loadManagers);
    const sent: Record<NoticeStep, number> = {
      'reminder-early': 0,
      'reminder-last': 0,
      overdue: 0,
      escalated: 0,
    };
    // Overdue before escalated: on a catch-up run the manager hears before the head of service.
    for (const step of NOTICE_STEPS) {
      const window = windows[step];
      if (!window) continue;
      sent[step] += await this.runStep({ step, window, today, managers });
    }
    const result = {
      reminded: sent['reminder-early'] + sent['reminder-last'],
      overdue: sent.overdue,
      escalated: sent.escalated,
    };
    this.logger.log(
      `overdue job for ${today}: ${result.reminded} reminded, ${result.overdue} overdue, ${result.escalated} escalated`,
    );
    return result;
  }

  /** The job, then delivery of what it queued (the app's timer and the CLI both run this). */
  async runAndDeliver(options: { today?: string } = {}): Promise<OverdueJobResult> {
    const result = await this.run(options);
    await this.outbox.deliverPending();
    return result;
  }

  private async runStep(work: {
    step: NoticeStep;
    window: DueWindow;
    today: string;
    managers: Managers;
  }): Promise<number> {
    let claimed = 0;
    for (;;) {
      const found = await this.db.read((m) => unclaimedCandidates(m, { ...work, limit: OVERDUE_JOB_READ }));
      let claimedNow = 0;
      for (let i = 0; i < found.length; i += OVERDUE_JOB_BATCH) {
        const batch = found.slice(i, i + OVERDUE_JOB_BATCH);
        claimedNow += await this.db.transaction((m) => this.claimAndNotify(m, work, batch));
      }
      claimed += claimedNow;
      // Fewer than asked for: that was all. Nothing claimed: another instance took them.
      if (found.length < OVERDUE_JOB_READ || claimedNow === 0) return claimed;
    }
  }

  private async claimAndNotify(
    m: EntityManager,
    work: { step: NoticeStep; window: DueWindow; today: string; managers: Managers },
    batch: readonly Candidate[],
  ): Promise<number> {
    const { step, today } = work;
    const won = await claimNotices(m, {
      ids: batch.map((a) => a.id),
      step,
      window: work.window,
      sentOn: today,
      at: this.clock.nowIso(),
    });
    const winners = batch.filter((a) => won.has(a.id));
    if (winners.length === 0) return 0;
    await this.outbox.enqueueMany(
      m,
      winners.flatMap((action) =>
        recipients(action, step, work.managers).map((recipientId) =>
          notice(action, step, today, recipientId),
        ),
      ),
    );
    if (step === 'escalated') {
      // The machine has no escalation event (escalating changes no state): a history row from the
      // state to itself says, in the action's own history, that the head of service was told.
      await this.runner.recordStarts(
        m,
        ENTITY_TYPE,
        winners.map((a) => ({
          entityId: a.id,
          machineId: a.machineId,
          machineVersion: a.machineVersion,
          state: a.state,
          fromState: a.state,
          event: 'ESCALATED',
          detail: {
            dueOn: a.dueOn,
            daysOverdue: daysBetween(a.dueOn, today),
            to: a.localityId === null ? [] : (work.managers.byLocality.get(a.localityId) ?? []),
          },
        })),
        SYSTEM,
      );
    }
    return winners.length;
  }
}

async function loadManagers(m: EntityManager): Promise<Managers> {
  const users = await activeUsersInRoles(m, [Role.TeamManager, Role.HeadOfService]);
  const byTeam = new Map<number, number[]>();
  const byLocality = new Map<number, number[]>();
  const add = (map: Map<number, number[]>, key: number | null, id: number) => {
    if (key !== null) map.set(key, [...(map.get(key) ?? []), id]);
  };
  for (const user of users) {
    if (user.role === Role.TeamManager) add(byTeam, user.teamId, user.id);
    else add(byLocality, user.localityId, user.id);
  }
  return { byTeam, byLocality };
}

/** Reminders to the owner; overdue to the owner and the team's managers; escalated to the locality's heads of service. */
function recipients(action: Candidate, step: NoticeStep, managers: Managers): number[] {
  if (step === 'reminder-early' || step === 'reminder-last') return [action.ownerId];
  if (step === 'overdue')
    return [...new Set([action.ownerId, ...(managers.byTeam.get(action.teamId) ?? [])])];
  return action.localityId === null ? [] : (managers.byLocality.get(action.localityId) ?? []);
}

const SUBJECTS: Record<NoticeStep, (days: number) => string> = {
  'reminder-early': (days) => `An action you own is due in ${days} days`,
  'reminder-last': (days) => `An action you own is due ${days === 1 ? 'tomorrow' : `in ${days} days`}`,
  overdue: (days) => `An action is overdue by ${days} day${days === 1 ? '' : 's'}`,
  escalated: (days) => `An action has been escalated to you: ${days} days overdue`,
};

/** What a notice says: ids, the step, the days and a link. No child's details, not even the case reference. */
function notice(action: Candidate, step: NoticeStep, today: string, recipientId: number): NewNotification {
  const overdue = daysBetween(action.dueOn, today);
  const reminder = step === 'reminder-early' || step === 'reminder-last';
  return {
    kind: `action-${step}`,
    recipientId,
    subject: SUBJECTS[step](reminder ? -overdue : overdue),
    payload: {
      actionId: action.id,
      step,
      ...(reminder ? { daysUntilDue: -overdue } : { daysOverdue: overdue }),
      path: `/actions/${action.id}`,
    },
  };
}
