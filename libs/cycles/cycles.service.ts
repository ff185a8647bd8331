import { Injectable, Logger } from '@nestjs/common';
import { type EntityManager, QueryFailedError, type QueryDeepPartialEntity } from 'typeorm';
import {
  CYCLE_MACHINE_ID,
  CYCLE_MACHINE_VERSION,
  CycleTag,
  cycleMachine,
} from '../../workflows/cycle.machine.js';
import { statesTagged } from '../../workflows/state-tags.js';
import { publishedTools } from '../audit-tools/index.js';
import { openAuditCount, storeAudits } from '../audits/index.js';
import { Clock } from '../clock/index.js';
import { DomainError, ErrorCode } from '../common/index.js';
import { OrgService } from '../org/index.js';
import { type Actor, Db, WorkflowRunner } from '../persistence/index.js';
import { Cycle } from './cycle.entity.js';
import { cycleDocument, type CycleDocument } from './cycle-document.js';
import { drawCycle, type OpenCycleRequest } from './cycle-draw.js';
import { type CyclePreview, previewOf } from './cycle-preview.js';

export {
  DEFAULT_EXCLUDE_MONTHS,
  DEFAULT_MODERATION_RATE,
  DEFAULT_RATE,
  defaultTier3Count,
  type OpenCycleRequest,
} from './cycle-draw.js';

/** Cycle states whose audits are under way: closing one waits for each audit to be resolved. */
const RUNNING = statesTagged(cycleMachine, CycleTag.Running);

/** What the new-cycle form offers: the scope a themed cycle may name, and the published tools. */
export interface CycleChoices {
  cohorts: string[];
  teams: string[];
  localities: string[];
  tools: { id: number; key: string; version: number; title: string }[];
}

@Injectable()
export class CyclesService {
  private readonly logger = new Logger(CyclesService.name);

  constructor(
    private readonly db: Db,
    private readonly workflows: WorkflowRunner,
    private readonly clock: Clock,
    private readonly org: OrgService,
  ) {}

  /**
   * What `open` would draw, written nowhere: the same draw (drawCycle) from the same reads. The
   * answer carries the seed it used and the sample's digest; sending both back to `open` opens
   * exactly this sample, or is refused if the register or the auditors changed meanwhile.
   */
  preview(request: OpenCycleRequest): Promise<CyclePreview> {
    return this.db.read(async (m) => previewOf(await drawCycle(m, this.org, request)));
  }

  /** The cohorts, teams and localities a themed cycle may be narrowed to, sorted. */
  scopeChoices(): Promise<CycleChoices> {
    return this.db.read(async (m) => {
      const known = await this.org.knownScope(m);
      const sorted = (set: ReadonlySet<string>) => [...set].sort((a, b) => a.localeCompare(b));
      return {
        cohorts: sorted(known.cohorts),
        teams: sorted(known.teams),
        localities: sorted(known.localities),
        tools: await publishedTools(m),
      };
    });
  }

  /** Selects and allocates a cycle's sample: one transaction, so a failure leaves no cycle. */
  async open(request: OpenCycleRequest, actor: Actor): Promise<CycleDocument> {
    const kind = request.kind ?? 'monthly';
    try {
      const document = await this.db.transaction(async (m) => {
        const draw = await drawCycle(m, this.org, request);
        if (request.previewDigest !== undefined && request.previewDigest !== draw.digest) {
          throw new DomainError(
            ErrorCode.Conflict,
            'the register or the auditors changed since the preview, so this sample differs from the one previewed: preview it again',
            {
              errors: [
                { field: 'previewDigest', message: 'the sample changed since the preview: preview it again' },
              ],
            },
          );
        }
        const { settings, outcome } = draw;
        const initial = this.workflows.initialSnapshot(cycleMachine);
        const cycle = m.create(Cycle, {
          kind,
          month: settings.month,
          monthlyKey: kind === 'monthly' ? settings.month : null,
          title: settings.title,
          asOf: settings.asOf,
          deadline: settings.deadline,
          rate: settings.rate,
          sampleCount: settings.count,
          seed: settings.seed,
          excludeMonths: settings.excludeMonths,
          tier3Count: settings.tier3Count,
          filter: settings.filter,
          auditToolId: settings.auditToolId,
          moderationRate: settings.moderationRate,
          strata: draw.strata,
          machineId: CYCLE_MACHINE_ID,
          machineVersion: CYCLE_MACHINE_VERSION,
          state: initial.state,
          snapshot: initial.snapshot,
          version: 1,
          createdBy: actor.label,
        });
        const { identifiers } = await m.insert(Cycle, cycle as QueryDeepPartialEntity<Cycle>);
        cycle.id = Number(identifiers[0].id);
        await this.workflows.recordStart(m, 'cycle', cycle, actor, {
          seed: settings.seed,
          asOf: settings.asOf,
        });
        let current = await this.workflows.send(m, {
          machine: cycleMachine,
          entity: Cycle,
          entityType: 'cycle',
          record: cycle,
          event: {
            type: 'SELECT',
            open: outcome.open,
            eligible: outcome.eligible,
            selected: outcome.selected.length,
          },
          actor,
        });
        const rows = draw.audits.map(({ team: _team, ...row }) => row);
        await storeAudits(m, this.workflows, cycle.id, rows, actor, this.clock.nowIso());
        current = await this.workflows.send(m, {
          machine: cycleMachine,
          entity: Cycle,
          entityType: 'cycle',
          record: current,
          event: { type: 'ALLOCATE' },
          actor,
        });
        return cycleDocument(m, current);
      });
      this.logger.log(
        `cycle ${document.id} (${kind} ${document.month}) opened by ${actor.label}: seed ${document.seed}, ` +
          `${document.selected} selected, ${document.unallocated} unallocated`,
      );
      return document;
    } catch (error) {
      if (
        kind === 'monthly' &&
        error instanceof QueryFailedError &&
        /unique|duplicate/i.test(error.message)
      ) {
        // Two opens for one month raced past the check; the unique monthly key let one through.
        throw new DomainError(
          ErrorCode.Conflict,
          `the monthly cycle for ${request.month} was opened at the same moment by someone else`,
        );
      }
      throw error;
    }
  }

  /** Closes a cycle once each of its audits is completed or withdrawn with a reason. */
  close(id: number, actor: Actor): Promise<CycleDocument> {
    return this.db.transaction(async (m) => {
      const cycle = await requireCycle(m, { id });
      const outstandingAudits = await openAuditCount(m, id);
      if (outstandingAudits > 0 && RUNNING.includes(cycle.state)) {
        // Said here rather than by the machine's guard, to tell how many audits hold it open.
        throw DomainError.illegalTransition('cycle', cycle.state, 'CLOSE', { outstandingAudits });
      }
      const closed = await this.workflows.send(m, {
        machine: cycleMachine,
        entity: Cycle,
        entityType: 'cycle',
        record: cycle,
        event: { type: 'CLOSE', outstandingAudits, at: this.clock.nowIso() },
        actor,
      });
      return cycleDocument(m, closed);
    });
  }
}

export async function requireCycle(
  m: EntityManager,
  where: { id: number } | { monthlyKey: string },
): Promise<Cycle> {
  const cycle = await m.findOneBy(Cycle, where);
  if (!cycle) throw DomainError.notFound('cycle', 'id' in where ? where.id : `for ${where.monthlyKey}`);
  return cycle;
}
