import { Injectable } from '@nestjs/common';
import { PlanItemsService } from '../actions/index.js';
import { AuditToolsService } from '../audit-tools/index.js';
import { AuditsService } from '../audits/index.js';
import { CasesImportService } from '../cases/index.js';
import { Clock } from '../clock/index.js';
import {
  addMonths,
  type AuditLine,
  CycleReadsService,
  CyclesService,
  lastDayOf,
  monthOf,
} from '../cycles/index.js';
import {
  addLocality,
  addTeam,
  addUsers,
  countUsers,
  hashPassword,
  listUsers,
  type NewUserRow,
  Role,
  teamsWithLocality,
} from '../org/index.js';
import { Db, WorkflowRunner } from '../persistence/index.js';
import { loadDemoActions } from './demo-actions.js';
import { demoDraft } from './demo-audits.js';
import {
  DEMO_LOCALITIES,
  DEMO_TEAMS,
  demoRegisterCsv,
  managerName,
  WORKERS_PER_TEAM,
  workerId,
  workerName,
} from './demo-register.js';

export const DEMO_PASSWORD = 'demo-password';

export interface DemoLogin {
  username: string;
  role: Role;
  where: string;
}

export interface DemoResult {
  loaded: boolean;
  cases: number;
  cycle?: { id: number; month: string; selected: number; submitted: number };
  users: number;
  password: string;
  logins: DemoLogin[];
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

@Injectable()
export class DemoService {
  constructor(
    private readonly db: Db,
    private readonly imports: CasesImportService,
    private readonly cycles: CyclesService,
    private readonly cycleReads: CycleReadsService,
    private readonly audits: AuditsService,
    private readonly tools: AuditToolsService,
    private readonly clock: Clock,
    private readonly planItems: PlanItemsService,
    private readonly workflows: WorkflowRunner,
  ) {}

  /**
   * Takes the first audits through the real commands, so the demo shows audits at every stage:
   * twelve submitted (some in moderation), four in progress with a saved draft.
   */
  private async progressSomeAudits(lines: AuditLine[], submittedIds: number[] = []): Promise<number> {
    const everyone = await this.db.read((m) => listUsers(m));
    const users = new Map(everyone.map((u) => [u.username, u]));
    // An action the audit raises is owned by the case's team manager: a user, as submitting needs.
    const teamIds = new Map((await this.db.read((m) => teamsWithLocality(m))).map((t) => [t.name, t.id]));
    const managerOf = new Map(
      everyone
        .filter((u) => u.role === Role.TeamManager && u.teamId !== null)
        .map((u) => [u.teamId!, u.id] as const),
    );
    const ownerFor = (team: string) => managerOf.get(teamIds.get(team) ?? -1);
    let submitted = 0;
    // Actions fall due at the end of next month: after the audits start, whenever the demo runs.
    const today = this.clock.today();
    const dueOn = lastDayOf(addMonths(monthOf(today), 1));
    for (const [n, line] of lines.entries()) {
      const user = users.get(line.auditorUsername ?? '');
      if (!user) continue;
      const auditor = { ...user, teamId: user.teamId, localityId: user.localityId };
      let { version } = await this.audits.start(line.auditId, auditor);
      const tool = await this.db.read((m) => this.tools.currentPublished(m));
      ({ version } = await this.audits.saveDraft(
        line.auditId,
        demoDraft(tool.definition, line.cohort, n, dueOn, ownerFor(line.team)),
        version,
        auditor,
      ));
      if (n >= 12) continue;
      ({ version } = await this.audits.finishGrading(line.auditId, version, auditor));
      const discussion = {
        happened: true,
        heldOn: today,
        summary: 'Talked through the findings and the actions.',
        workerReflection: 'Agreed to update the chronology this week.',
        agreement: n % 4 === 0 ? ('partly' as const) : ('agrees' as const),
        disagreement: n % 4 === 0 ? 'Feels the plan was updated after the audit period.' : undefined,
      };
      ({ version } = await this.audits.recordDiscussion(line.auditId, discussion, version, auditor));
      await this.audits.submit(line.auditId, version, auditor);
      submittedIds.push(line.auditId);
      submitted++;
    }
    return submitted;
  }

  /** Loads the demo council. With `ifEmpty`, does nothing to a database that already has users. */
  async load(options: { ifEmpty: boolean; asOf?: string }): Promise<DemoResult> {
    const existing = await this.db.read((m) => countUsers(m));
    if (options.ifEmpty && existing > 0)
      return { loaded: false, cases: 0, users: existing, password: DEMO_PASSWORD, logins: [] };
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const users = await this.db.transaction(async (m) => {
      const localityIds = new Map<string, number>();
      for (const name of DEMO_LOCALITIES) {
        localityIds.set(name, await addLocality(m, name));
      }
      const people: Omit<NewUserRow, 'passwordHash'>[] = [
        { username: 'admin', displayName: 'Demo Administrator', role: Role.Administrator },
        { username: 'director', displayName: 'Demo Director of Children’s Services', role: Role.Director },
        { username: 'moderator', displayName: 'Demo Independent Auditor', role: Role.Moderator },
      ];
      for (const locality of DEMO_LOCALITIES) {
        const localityId = localityIds.get(locality)!;
        const at = slug(locality);
        people.push({
          username: `hos.${at}`,
          displayName: `${locality} Head of Service`,
          role: Role.HeadOfService,
          localityId,
        });
        for (const n of [1, 2]) {
          people.push({
            username: `sm${n}.${at}`,
            displayName: `${locality} Senior Manager ${n}`,
            role: Role.SeniorManager,
            localityId,
          });
          people.push({
            username: `iro${n}.${at}`,
            displayName: `${locality} IRO ${n}`,
            role: Role.Iro,
            localityId,
          });
        }
      }
      for (const team of DEMO_TEAMS) {
        const teamId = await addTeam(m, {
          name: team.name,
          localityId: localityIds.get(team.locality)!,
          cohortCode: team.cohort,
        });
        const localityId = localityIds.get(team.locality)!;
        const at = slug(team.name);
        people.push({
          username: `tm.${at}`,
          displayName: managerName(team.name),
          role: Role.TeamManager,
          teamId,
          localityId,
        });
        people.push({
          username: `ap.${at}`,
          displayName: `${team.name} Advanced Practitioner`,
          role: Role.AdvancedPractitioner,
          teamId,
          localityId,
        });
        for (let n = 1; n <= WORKERS_PER_TEAM; n++) {
          people.push({
            username: `sw${n}.${at}`,
            displayName: workerName(team.name, n),
            workerKey: workerId(team.name, n),
            role: Role.SocialWorker,
            teamId,
            localityId,
          });
        }
      }
      await addUsers(
        m,
        people.map((p) => ({ ...p, passwordHash })),
      );
      return people;
    });
    const asOf = options.asOf ?? this.clock.today();
    const imported = await this.imports.importRegister({
      files: [{ name: 'demo-register.csv', content: Buffer.from(demoRegisterCsv(asOf)) }],
      asOf,
      actor: 'demo loader',
    });
    // This month's sample, drawn with a fixed seed, so every demo login has audits to open at once.
    const cycle = await this.cycles.open(
      { month: asOf.slice(0, 7), asOf, seed: 'demo', tier3Count: 2 },
      { id: null, label: 'demo loader' },
    );
    const { audits } = await this.cycleReads.showWithAudits({ id: cycle.id });
    const submittedIds: number[] = [];
    const progressed = await this.progressSomeAudits(
      audits.filter((a) => a.tier === 2).slice(0, 16),
      submittedIds,
    );
    // Actions in every state on the submitted audits, citing plan items of every RAG colour.
    const { db, workflows, planItems } = this;
    await loadDemoActions(
      { db, workflows, planItems },
      submittedIds,
      this.clock.today(),
      this.clock.nowIso(),
    );
    const show = [
      'admin',
      'director',
      'hos.north',
      'sm1.north',
      'tm.north-cin-1',
      'ap.north-cin-1',
      'iro1.east',
      'moderator',
      'sw1.north-cin-1',
    ];
    return {
      loaded: true,
      cases: imported.imported,
      cycle: { id: cycle.id, month: cycle.month, selected: cycle.selected, submitted: progressed },
      users: users.length,
      password: DEMO_PASSWORD,
      logins: show.map((username) => {
        const user = users.find((u) => u.username === username)!;
        return { username, role: user.role, where: user.displayName };
      }),
    };
  }
}
