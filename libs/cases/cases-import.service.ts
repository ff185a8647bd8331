import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/index.js';
import { CALENDAR_RANGE, isCalendarDate } from '../../workflows/rules/calendar.js';
import { DomainError, ErrorCode, hasControlCharacter } from '../common/index.js';
import { entityPage, type PageRequest } from '../common/index.js';
import { OrgService } from '../org/index.js';
import { Db, forEachSlice } from '../persistence/index.js';
import { ImportRun } from './import-run.entity.js';
import { closureProblem, maxClosureShare } from './import/closure-guard.js';
import type { ParsedRegister, RegisterFormat, RejectedRow } from './import/index.js';
import { detectFormat, parseRegisterFiles, type RegisterFile } from './register-files.js';
import { parseOffThread, stopParserThread } from './register-parse.js';
import { type StagedCase, upsertRegister } from './register-upsert.js';

export { detectFormat, type RegisterFile } from './register-files.js';

export interface ImportRequest {
  files: RegisterFile[];
  format?: RegisterFormat;
  /** The date the register describes; defaults to today. Open dates missing from a file use it. */
  asOf?: string;
  /** Close every open case the file does not mention. */
  full?: boolean;
  /** Work everything out and report it, then roll back: nothing is written. */
  dryRun?: boolean;
  /** The exact number of cases the operator expects the import to close. */
  confirmClosures?: number;
  /** Refuse rows naming a team the register has never seen, instead of creating the team. */
  strictTeams?: boolean;
  actor: string;
  /** Told how far the import has got, a few times per phase (never per row). */
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Parse on the calling thread. The CLI and the benches serve nobody else while they import, so a
   * parser thread (started for the server, which must go on answering) would be only its start-up.
   */
  parseOnCaller?: boolean;
}

/** The phases of an import, in order; `done` and `total` count register rows (0 of 0 while reading). */
export type ImportPhase = 'reading' | 'checking' | 'saving' | 'applying' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface ImportResult {
  format: RegisterFormat;
  asOf: string;
  dryRun: boolean;
  /** Cases open before the import, the base of the closure safeguard. */
  openBefore: number;
  imported: number;
  updated: number;
  closed: number;
  unchanged: number;
  rejected: RejectedRow[];
  /** Teams the register had never seen, created by this import. */
  newTeams: string[];
  /** Dry runs only: why the real import would be refused, or null when it would go ahead. */
  wouldRefuse?: string | null;
}

/** Rows checked and staged between turns of the event loop. */
const CHECK_SLICE = 20_000;

/** Carries a dry run's result out of its transaction, which the throw rolls back. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

@Injectable()
export class CasesImportService implements OnApplicationShutdown {
  private readonly logger = new Logger(CasesImportService.name);
  private readonly maxClosureShare = maxClosureShare();

  constructor(
    private readonly db: Db,
    private readonly org: OrgService,
    private readonly clock: Clock,
  ) {}

  /** The idle parser thread ends with the app. */
  async onApplicationShutdown(): Promise<void> {
    await stopParserThread();
  }

  /**
   * One transaction. A dry run does the real work and rolls it back, so its figures are the real
   * run's by construction; a refused import (too many closures) rolls back the same way.
   */
  async importRegister(request: ImportRequest): Promise<ImportResult> {
    // The CLI reaches here without the DTO: the same calendar applies.
    if (request.asOf !== undefined && !isCalendarDate(request.asOf)) {
      throw DomainError.validation('asOf', `must be a real date YYYY-MM-DD from ${CALENDAR_RANGE}`);
    }
    // File names are stored in the import log: the typed-text rule applies to them too.
    if (request.files.some((file) => hasControlCharacter(file.name))) {
      throw DomainError.validation('files', 'a file name must not contain a control character');
    }
    const format = request.format ?? detectFormat(request.files);
    const asOf = request.asOf ?? this.clock.today();
    // A register describes the cases as they were on a day that has come: cases it opens on a
    // later day would be open before they began.
    if (asOf > this.clock.today()) throw DomainError.validation('asOf', 'must not be in the future');
    const progress = request.onProgress ?? (() => undefined);
    progress({ phase: 'reading', done: 0, total: 0 });
    const parsed = request.parseOnCaller
      ? await parseRegisterFiles(format, request.files)
      : await parseOffThread(format, request.files);
    const total = parsed.rows.length;
    progress({ phase: 'checking', done: 0, total });
    let result: ImportResult;
    try {
      result = await this.db.transaction(
        async (m) => {
          const applied = await this.apply(m, request, parsed, asOf);
          const refusal = closureProblem({
            full: request.full ?? false,
            openBefore: applied.openBefore,
            closing: applied.closed,
            maxShare: this.maxClosureShare,
            confirmed: request.confirmClosures,
          });
          if (request.dryRun) throw new DryRunRollback({ ...applied, dryRun: true, wouldRefuse: refusal });
          if (refusal) {
            throw new DomainError(ErrorCode.Validation, `confirmClosures: ${refusal}`, {
              errors: [{ field: 'confirmClosures', message: refusal }],
              wouldClose: applied.closed,
              openBefore: applied.openBefore,
            });
          }
          return applied;
          // Bulk: other writers wait a bounded time behind it, then are told to try again (503).
        },
        { bulk: true },
      );
    } catch (error) {
      if (error instanceof DryRunRollback) {
        progress({ phase: 'done', done: total, total });
        return error.result;
      }
      throw error;
    }
    progress({ phase: 'done', done: total, total });
    this.logger.log(
      `register import (${format}): ${result.imported} new, ${result.updated} updated, ` +
        `${result.closed} closed, ${result.unchanged} unchanged, ${result.rejected.length} rejected`,
    );
    return result;
  }

  /** The register's own audit trail: who loaded which file when, and what it changed, newest first. */
  runs(page: PageRequest) {
    return this.db.read((m) => entityPage(m, ImportRun, { order: { id: 'DESC' } }, page));
  }

  private async apply(
    m: EntityManager,
    request: ImportRequest,
    parsed: ParsedRegister,
    asOf: string,
  ): Promise<ImportResult> {
    const [{ n: openBefore }] = await m.query('SELECT COUNT(*) AS n FROM cases WHERE closed_on IS NULL');
    const cohorts = await this.org.cohortCodes(m);
    const knownTeams = request.strictTeams ? await this.org.teamNames(m) : null;
    const rejected = [...parsed.rejected];
    // A blank team is the catch-all "Unallocated" team, not a name the register has never seen.
    const problem = (row: ParsedRegister['rows'][number]): string | null =>
      !cohorts.has(row.cohort)
        ? `cohort: unknown cohort ${row.cohort}`
        : knownTeams && row.team !== null && !knownTeams.has(row.team.toLowerCase())
          ? `team: ${row.team} is not a team the register has seen (strict teams)`
          : null;
    // In slices with a turn of the event loop between: a million rows take a while even in
    // JavaScript, and other people's requests must be answered meanwhile.
    const accepted: ParsedRegister['rows'] = [];
    await forEachSlice(0, parsed.rows.length, CHECK_SLICE, async (start, end) => {
      for (const row of parsed.rows.slice(start, end)) {
        const reason = problem(row);
        if (reason) rejected.push({ row: row.row, source: row.source, caseRef: row.caseRef, reason });
        else accepted.push(row);
      }
    });
    const wantedTeams = new Map<string | null, string | null>();
    for (const row of accepted) if (!wantedTeams.has(row.team)) wantedTeams.set(row.team, row.locality);
    const teams = await this.org.resolveTeams(m, wantedTeams);
    const staged: StagedCase[] = [];
    await forEachSlice(0, accepted.length, CHECK_SLICE, async (start, end) => {
      for (const row of accepted.slice(start, end)) {
        staged.push({
          caseRef: row.caseRef,
          cohortCode: row.cohort,
          teamId: teams.ids.get(row.team)!,
          worker: row.worker,
          workerKey: row.workerKey ?? null,
          teamManager: row.teamManager,
          openedOn: row.openedOn ?? asOf,
          closedOn: row.closedOn,
        });
      }
    });
    const full = request.full ?? false;
    const total = parsed.rows.length;
    const progress = request.onProgress;
    // Rows rejected while checking count as done: they will not be saved.
    const skipped = total - staged.length;
    const counts = await upsertRegister(m, staged, {
      asOf,
      full,
      now: this.clock.nowIso(),
      keepOpen: rejected.flatMap((r) => (r.caseRef ? [r.caseRef] : [])),
      onStaged: progress && ((saved) => progress({ phase: 'saving', done: skipped + saved, total })),
      onApplying: progress && (() => progress({ phase: 'applying', done: total, total })),
    });
    rejected.sort((a, b) => (a.source ?? '').localeCompare(b.source ?? '') || a.row - b.row);
    await m.insert(ImportRun, {
      format: parsed.format,
      files: request.files
        .map((f) => f.name)
        .join(', ')
        .slice(0, 500),
      asOf,
      full,
      ...counts,
      rejected: rejected.length,
      actor: request.actor,
    });
    return {
      format: parsed.format,
      asOf,
      dryRun: false,
      openBefore: Number(openBefore),
      ...counts,
      rejected,
      newTeams: teams.created,
    };
  }
}
