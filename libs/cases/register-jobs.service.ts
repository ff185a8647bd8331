import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { Clock } from '../clock/index.js';
import { DomainError, ErrorCode } from '../common/index.js';
import {
  CasesImportService,
  type ImportProgress,
  type ImportRequest,
  type ImportResult,
} from './cases-import.service.js';
import type { RegisterFormat } from './import/index.js';
import { ImportGate } from './import-gate.js';
import { detectFormat, type RegisterFile } from './register-files.js';
import { StagedUploads } from './staged-uploads.js';

/**
 * checking: the dry run is going; previewed: it is done and waits for the administrator;
 * importing: the real import is going; imported: done; failed: either run was refused or broke.
 */
export type RegisterJobState = 'checking' | 'previewed' | 'importing' | 'imported' | 'failed';

export interface RegisterJobOptions {
  full: boolean;
  strictTeams: boolean;
  /** The date the register describes; today when left out. */
  asOf?: string;
}

export interface RegisterJob {
  id: string;
  userId: number;
  /** Who the import log names: the uploader's actor label. */
  actor: string;
  fileNames: string[];
  format: RegisterFormat;
  options: RegisterJobOptions;
  state: RegisterJobState;
  progress: ImportProgress;
  /** The dry run's figures, once it is done. */
  preview: ImportResult | null;
  /** The import's figures, once it is done. */
  result: ImportResult | null;
  /** Why it failed, in words the administrator can act on (never a stack trace). */
  failure: string | null;
  /** Which run failed: the dry run (choose another file) or the import. */
  failedWhile: 'checking' | 'importing' | null;
  touchedAt: number;
}

/** What the status route answers and the progress script reads. */
export interface RegisterJobStatus {
  id: string;
  state: RegisterJobState;
  running: boolean;
  phase: ImportProgress['phase'];
  done: number;
  total: number;
  percent: number;
}

const ALLOWED_EXTENSIONS = new Set(['.csv', '.xlsx', '.xlsm']);
/** An upload waits this long for its import (the app's clock for jobs, the file system's for files). */
export const STAGED_UPLOAD_TTL_MS = 60 * 60_000;
const MAX_WAITING_UPLOADS = 20;

/**
 * A register upload's journey on the web pages: stage the files server-side, dry-run them in the
 * background, show the preview, then import the same staged files in the background, with the
 * progress of each run kept in memory for the status page. Jobs belong to the administrator who
 * uploaded: anyone else is told there is no such import. Nothing about the cases is logged.
 */
@Injectable()
export class RegisterJobsService implements OnModuleDestroy {
  private readonly logger = new Logger(RegisterJobsService.name);
  private readonly jobs = new Map<string, RegisterJob>();
  private readonly staged: StagedUploads;
  private readonly running = new Set<Promise<void>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly imports: CasesImportService,
    private readonly clock: Clock,
    private readonly gate: ImportGate,
  ) {
    this.staged = new StagedUploads();
    this.sweeper = setInterval(() => void this.sweep(), 10 * 60_000);
    this.sweeper.unref();
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.sweeper);
    // A run in flight finishes before the database closes under it.
    await Promise.allSettled([...this.running]);
  }

  /** Checks the files' names, stages them, and starts the dry run; the user's earlier previews go. */
  async upload(
    owner: { id: number; label: string },
    files: readonly RegisterFile[],
    options: RegisterJobOptions,
  ): Promise<RegisterJob> {
    const userId = owner.id;
    const format = formatOf(files);
    await this.sweep();
    for (const job of this.jobs.values()) {
      if (job.userId === userId && job.state !== 'importing') await this.forget(job);
    }
    if (this.jobs.size >= MAX_WAITING_UPLOADS) {
      throw new DomainError(
        ErrorCode.Conflict,
        'Too many register uploads are waiting: try again in an hour',
        {
          errors: [
            { field: 'files', message: 'too many register uploads are waiting: try again in an hour' },
          ],
        },
      );
    }
    const job: RegisterJob = {
      id: randomUUID(),
      userId,
      actor: owner.label,
      fileNames: files.map((f) => f.name),
      format,
      options,
      state: 'checking',
      progress: { phase: 'reading', done: 0, total: 0 },
      preview: null,
      result: null,
      failure: null,
      failedWhile: null,
      touchedAt: this.now(),
    };
    await this.staged.save(job.id, files);
    this.jobs.set(job.id, job);
    this.background(job, 'checking', { dryRun: true });
    return job;
  }

  /** The job, if this user uploaded it; otherwise, as for an id never seen, 404. */
  get(id: string, userId: number): RegisterJob {
    const job = this.jobs.get(id);
    if (!job || job.userId !== userId) throw DomainError.notFound('register import', id);
    job.touchedAt = this.now();
    return job;
  }

  status(id: string, userId: number): RegisterJobStatus {
    return statusOf(this.get(id, userId));
  }

  /**
   * Imports the previewed files. When the preview showed the closure safeguard would refuse it,
   * `confirmedClosures` must be the number the preview showed; the import itself checks that
   * number again against the register as it is then.
   */
  confirm(id: string, userId: number, confirmedClosures: number | undefined): RegisterJob {
    const job = this.get(id, userId);
    if (job.state !== 'previewed' || !job.preview) {
      throw new DomainError(
        ErrorCode.Conflict,
        'This register has already been imported, or is not ready yet',
      );
    }
    if ([...this.jobs.values()].some((other) => other.state === 'importing')) {
      throw new DomainError(ErrorCode.Conflict, 'Another register import is running: wait for it to finish', {
        errors: [{ field: 'import', message: 'another register import is running: wait for it to finish' }],
      });
    }
    const needsConfirmation = Boolean(job.preview.wouldRefuse);
    if (needsConfirmation && confirmedClosures !== job.preview.closed) {
      throw new DomainError(ErrorCode.Validation, 'confirmClosures: confirm the closures', {
        errors: [
          {
            field: 'confirmClosures',
            message: `Confirm that this import closes ${job.preview.closed} of the ${job.preview.openBefore} open cases`,
          },
        ],
      });
    }
    job.state = 'importing';
    job.progress = { phase: 'reading', done: 0, total: 0 };
    this.background(job, 'importing', {
      dryRun: false,
      confirmClosures: needsConfirmation ? job.preview.closed : undefined,
    });
    return job;
  }

  /** Resolves when the job's current run has ended: for tests and for shutting down. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private background(
    job: RegisterJob,
    phase: 'checking' | 'importing',
    request: Pick<ImportRequest, 'dryRun' | 'confirmClosures'>,
  ): void {
    // One import at a time in this process: a run waits for the one before it.
    const run = this.gate.run(() => this.run(job, phase, request)).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async run(
    job: RegisterJob,
    phase: 'checking' | 'importing',
    request: Pick<ImportRequest, 'dryRun' | 'confirmClosures'>,
  ): Promise<void> {
    try {
      const files = await this.staged.load(job.id, job.fileNames);
      const result = await this.imports.importRegister({
        files,
        format: job.format,
        full: job.options.full,
        strictTeams: job.options.strictTeams,
        asOf: job.options.asOf,
        ...request,
        actor: job.actor,
        onProgress: (progress) => (job.progress = progress),
      });
      if (phase === 'checking') {
        job.preview = result;
        job.state = 'previewed';
      } else {
        job.result = result;
        job.state = 'imported';
        await this.staged.remove(job.id);
      }
    } catch (error) {
      job.state = 'failed';
      job.failedWhile = phase;
      job.failure = failureText(error);
      // The message may quote the file's contents: only what kind of failure it was is logged.
      if (!(error instanceof DomainError)) {
        const stack = error instanceof Error ? (error.stack ?? '').split('\n').slice(1).join('\n') : '';
        this.logger.error(
          `register ${phase} ${job.id} failed: ${(error as Error)?.name ?? 'error'}\n${stack}`,
        );
      }
      await this.staged.remove(job.id);
    } finally {
      job.touchedAt = this.now();
    }
  }

  private async sweep(): Promise<void> {
    const now = this.now();
    for (const job of this.jobs.values()) {
      if (
        job.state !== 'importing' &&
        job.state !== 'checking' &&
        now - job.touchedAt > STAGED_UPLOAD_TTL_MS
      ) {
        await this.forget(job);
      }
    }
    await this.staged.sweep(STAGED_UPLOAD_TTL_MS);
  }

  private async forget(job: RegisterJob): Promise<void> {
    if (job.state === 'checking') return;
    this.jobs.delete(job.id);
    await this.staged.remove(job.id);
  }
}

/** The format from the names; a file of another type is refused before anything is stored. */
function formatOf(files: readonly RegisterFile[]): RegisterFormat {
  if (files.length === 0) {
    throw new DomainError(ErrorCode.Validation, 'files: select a register file', {
      errors: [{ field: 'files', message: 'Select a register file' }],
    });
  }
  const typeProblem =
    files.length > 2
      ? 'Select one register file, or the two files of an SSDA903 return'
      : files.some((f) => !ALLOWED_EXTENSIONS.has(extname(f.name).toLowerCase()))
        ? 'The selected file must be a CSV (.csv) or an Annex A workbook (.xlsx)'
        : null;
  const fail = (message: string) =>
    new DomainError(ErrorCode.FileFormat, `files: ${message}`, { errors: [{ field: 'files', message }] });
  if (typeProblem) throw fail(typeProblem);
  try {
    return detectFormat(files);
  } catch {
    throw fail(
      files.length === 2
        ? 'An SSDA903 return is two files named header.csv and episodes.csv'
        : 'The selected file must be a CSV (.csv) or an Annex A workbook (.xlsx)',
    );
  }
}

function failureText(error: unknown): string {
  if (error instanceof DomainError) {
    const problems = error.details.errors?.map((e) => e.message) ?? [];
    return problems.length ? problems.join('; ') : error.message;
  }
  return 'Something went wrong on our side: nothing was imported. Try again, or ask your case-audit administrator';
}

export function statusOf(job: RegisterJob): RegisterJobStatus {
  const { phase, done, total } = job.progress;
  const running = job.state === 'checking' || job.state === 'importing';
  return {
    id: job.id,
    state: job.state,
    running,
    phase,
    done,
    total,
    percent: running ? (total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0) : 100,
  };
}
