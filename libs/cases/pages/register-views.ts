import type { Page, PageRequest } from '../../common/index.js';
import type { FormErrors, PageView } from '../../web/index.js';
import type { ImportResult } from '../cases-import.service.js';
import type { ImportRun } from '../import-run.entity.js';
import type { RegisterDateParts } from './register-date-field.js';
import { type RegisterCsvColumn, registerCsvColumns, type RejectedRow } from '../import/index.js';
import { type RegisterJob, type RegisterJobStatus, statusOf } from '../register-jobs.service.js';

export interface RegisterUploadForm {
  full?: boolean;
  strictTeams?: boolean;
  asOf: RegisterDateParts;
}

export interface RegisterUploadView extends PageView {
  form: RegisterUploadForm;
  runs: Page<ImportRun>;
  /** The CSV's columns, from the one register row schema: what the page says a file needs. */
  columns: RegisterCsvColumn[];
}

export function uploadPageView(
  runs: Page<ImportRun>,
  form: RegisterUploadForm,
  errors: FormErrors | null,
): RegisterUploadView {
  return { pageTitle: 'Case register', form, runs, errors, columns: registerCsvColumns() };
}

const FORMAT_NAMES: Record<string, string> = {
  csv: 'CSV register',
  'annex-a': 'Ofsted Annex A workbook',
  ssda903: 'SSDA903 return',
};

const PHASE_TEXT: Record<RegisterJobStatus['phase'], string> = {
  reading: 'Reading the file',
  checking: 'Checking the rows',
  saving: 'Comparing rows with the register',
  applying: 'Working out the changes',
  done: 'Finishing',
};

/** The figures one run gave, as the page lists them. */
export interface ResultFigures {
  imported: number;
  updated: number;
  closed: number;
  unchanged: number;
  rejectedCount: number;
  openBefore: number;
  asOf: string;
  newTeams: string[];
}

export interface RegisterImportView extends PageView {
  id: string;
  /** This page's own address, for its links, form and status route. */
  selfUrl: string;
  status: RegisterJobStatus;
  /** Words for the progress: "Checking the rows: 4,000 of 10,000 rows". */
  progressText: string;
  heading: string;
  fileNames: string;
  formatName: string;
  full: boolean;
  strictTeams: boolean;
  figures: ResultFigures | null;
  rejected: Page<RejectedRow> | null;
  /** The full-import safeguard, when the preview shows it would refuse the import unconfirmed. */
  safeguard: { closing: number; openBefore: number; message: string } | null;
  failure: string | null;
  failedWhile: 'checking' | 'importing' | null;
}

const HEADINGS: Record<RegisterJob['state'], string> = {
  checking: 'Checking the register',
  previewed: 'Check what the import will do',
  importing: 'Importing the register',
  imported: 'Register imported',
  failed: 'The register could not be imported',
};

export function importPageView(
  job: RegisterJob,
  page: PageRequest,
  errors: FormErrors | null,
): RegisterImportView {
  const status = statusOf(job);
  const shown: ImportResult | null =
    job.state === 'imported' ? job.result : job.state === 'previewed' ? job.preview : null;
  const failedCheck = job.state === 'failed' && job.failedWhile === 'checking';
  return {
    pageTitle: failedCheck ? 'The register could not be read' : HEADINGS[job.state],
    heading: failedCheck ? 'The register could not be read' : HEADINGS[job.state],
    errors,
    id: job.id,
    selfUrl: `/admin/register/imports/${job.id}`,
    status,
    progressText: progressText(status),
    fileNames: job.fileNames.join(', '),
    formatName: FORMAT_NAMES[job.format] ?? job.format,
    full: job.options.full,
    strictTeams: job.options.strictTeams,
    figures: shown && figuresOf(shown),
    rejected: shown && pageOf(shown.rejected, page),
    safeguard:
      job.state === 'previewed' && job.preview?.wouldRefuse
        ? {
            closing: job.preview.closed,
            openBefore: job.preview.openBefore,
            message: job.preview.wouldRefuse,
          }
        : null,
    failure: job.failure,
    failedWhile: job.failedWhile,
  };
}

function figuresOf(result: ImportResult): ResultFigures {
  return {
    imported: result.imported,
    updated: result.updated,
    closed: result.closed,
    unchanged: result.unchanged,
    rejectedCount: result.rejected.length,
    openBefore: result.openBefore,
    asOf: result.asOf,
    newTeams: result.newTeams,
  };
}

/** The rejected rows are the job's, in memory: a page of them, never all at once. */
function pageOf<T>(items: readonly T[], request: PageRequest): Page<T> {
  const last = Math.max(1, Math.ceil(items.length / request.pageSize));
  const page = Math.min(request.page, last);
  const start = (page - 1) * request.pageSize;
  return {
    items: items.slice(start, start + request.pageSize),
    page,
    pageSize: request.pageSize,
    total: items.length,
  };
}

export function progressText(status: RegisterJobStatus): string {
  const phase = PHASE_TEXT[status.phase];
  if (!status.running) return 'Finished';
  if (status.total === 0) return `${phase}…`;
  return `${phase}: ${status.done.toLocaleString('en-GB')} of ${status.total.toLocaleString('en-GB')} rows (${status.percent}%)`;
}
