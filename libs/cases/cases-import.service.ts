import { Injectable, Logger } from '@nestjs/common';
import { extname } from 'node:path';
import { CALENDAR_RANGE, isCalendarDate } from '../common/calendar.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { OrgService } from '../org/org.service.js';
import { Db } from '../persistence/db.service.js';
import { ImportRun } from './import-run.entity.js';
import {
  type ParsedRegister,
  parseAnnexA,
  parseCsvRegister,
  parseSsda903,
  type RegisterFormat,
  RegisterFormatError,
  type RejectedRow,
} from './import/index.js';
import { type StagedCase, upsertRegister } from './register-upsert.js';

export interface RegisterFile {
  name: string;
  content: Buffer;
}

export interface ImportRequest {
  files: RegisterFile[];
  format?: RegisterFormat;
  /** The date the register describes; defaults to today. Open dates missing from a file use it. */
  asOf?: string;
  /** Close every open case the file does not mention. */
  full?: boolean;
  actor: string;
}

export interface ImportResult {
  format: RegisterFormat;
  asOf: string;
  imported: number;
  updated: number;
  closed: number;
  unchanged: number;
  rejected: RejectedRow[];
  newTeams: string[];
}

@Injectable()
export class CasesImportService {
  private readonly logger = new Logger(CasesImportService.name);

  constructor(
    private readonly db: Db,
    private readonly org: OrgService,
  ) {}

  async importRegister(request: ImportRequest): Promise<ImportResult> {
    // The CLI reaches here without the DTO: the same calendar applies.
    if (request.asOf !== undefined && !isCalendarDate(request.asOf)) {
      throw DomainError.validation('asOf', `must be a real date YYYY-MM-DD from ${CALENDAR_RANGE}`);
    }
    const format = request.format ?? detectFormat(request.files);
    const asOf = request.asOf ?? new Date().toISOString().slice(0, 10);
    const parsed = await parse(format, request.files);
    const result = await this.db.transaction(async (m) => {
      const cohorts = await this.org.cohortCodes(m);
      const rejected = [...parsed.rejected];
      const accepted = parsed.rows.filter((row) => {
        if (cohorts.has(row.cohort)) return true;
        rejected.push({
          row: row.row,
          source: row.source,
          caseRef: row.caseRef,
          reason: `cohort: unknown cohort ${row.cohort}`,
        });
        return false;
      });
      const wantedTeams = new Map<string | null, string | null>();
      for (const row of accepted) if (!wantedTeams.has(row.team)) wantedTeams.set(row.team, row.locality);
      const teams = await this.org.resolveTeams(m, wantedTeams);
      const staged: StagedCase[] = accepted.map((row) => ({
        caseRef: row.caseRef,
        cohortCode: row.cohort,
        teamId: teams.ids.get(row.team)!,
        worker: row.worker,
        teamManager: row.teamManager,
        openedOn: row.openedOn ?? asOf,
        closedOn: row.closedOn,
      }));
      const counts = await upsertRegister(m, staged, {
        asOf,
        full: request.full ?? false,
        keepOpen: rejected.flatMap((r) => (r.caseRef ? [r.caseRef] : [])),
      });
      rejected.sort((a, b) => (a.source ?? '').localeCompare(b.source ?? '') || a.row - b.row);
      await m.insert(ImportRun, {
        format,
        files: request.files
          .map((f) => f.name)
          .join(', ')
          .slice(0, 500),
        asOf,
        full: request.full ?? false,
        ...counts,
        rejected: rejected.length,
        actor: request.actor,
      });
      return { format, asOf, ...counts, rejected, newTeams: teams.created };
    });
    this.logger.log(
      `register import (${format}) by ${request.actor}: ${result.imported} new, ${result.updated} updated, ` +
        `${result.closed} closed, ${result.unchanged} unchanged, ${result.rejected.length} rejected`,
    );
    return result;
  }
}

/** By file names: two CSVs named header/episodes are a 903 return, .xlsx is Annex A, .csv a CSV. */
export function detectFormat(files: readonly RegisterFile[]): RegisterFormat {
  const names = files.map((f) => f.name.toLowerCase());
  if (names.some((n) => n.includes('episodes')) && names.some((n) => n.includes('header'))) return 'ssda903';
  if (files.length === 1 && ['.xlsx', '.xlsm'].includes(extname(names[0]))) return 'annex-a';
  if (files.length === 1 && extname(names[0]) === '.csv') return 'csv';
  throw new DomainError(
    ErrorCode.FileFormat,
    'cannot tell the register format from the file names: give the format (csv, annex-a or ssda903)',
    { errors: [{ field: 'format', message: 'required when the file names do not show the format' }] },
  );
}

async function parse(format: RegisterFormat, files: readonly RegisterFile[]): Promise<ParsedRegister> {
  try {
    switch (format) {
      case 'csv':
        return parseCsvRegister(single(files, format).content);
      case 'annex-a':
        return await parseAnnexA(single(files, format).content);
      case 'ssda903': {
        const header = files.find((f) => /header/i.test(f.name));
        const episodes = files.find((f) => /episode/i.test(f.name));
        if (files.length !== 2 || !header || !episodes) {
          throw new RegisterFormatError('an SSDA903 import needs two files: header.csv and episodes.csv');
        }
        return parseSsda903({ header: header.content, episodes: episodes.content });
      }
    }
  } catch (error) {
    if (error instanceof RegisterFormatError) {
      const field = error.column ?? 'file';
      throw new DomainError(ErrorCode.FileFormat, error.message, {
        errors: [{ field, message: error.message }],
        ...(error.file ? { file: error.file } : {}),
      });
    }
    throw error;
  }
}

function single(files: readonly RegisterFile[], format: RegisterFormat): RegisterFile {
  if (files.length !== 1) throw new RegisterFormatError(`a ${format} import takes exactly one file`);
  return files[0];
}
