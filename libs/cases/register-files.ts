import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { DomainError, ErrorCode } from '../common/index.js';
import {
  type ParsedRegister,
  parseAnnexA,
  parseCsvRegister,
  parseSsda903,
  type RegisterFormat,
  RegisterFormatError,
  screenRegister,
} from './import/index.js';
import { ImportLimitError, type ImportLimits, importLimitsFromEnv } from './import/import-limits.js';

export interface RegisterFile {
  name: string;
  content: Buffer;
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

/**
 * The files read as one register; a file that is not its format is refused whole (422 naming the
 * column), and so is one past a limit (422 naming the limit and its value), as soon as it is.
 */
export async function parseRegisterFiles(
  format: RegisterFormat,
  files: readonly RegisterFile[],
  limits: ImportLimits = importLimitsFromEnv(),
): Promise<ParsedRegister> {
  // Every format's rows pass the one schema (register-row-schema.ts), on whichever thread parses.
  return screenRegister(await parseFormat(format, files, limits));
}

async function parseFormat(
  format: RegisterFormat,
  files: readonly RegisterFile[],
  limits: ImportLimits,
): Promise<ParsedRegister> {
  try {
    for (const file of files) checkFileSize(file, limits);
    switch (format) {
      case 'csv':
        return parseCsvRegister(single(files, format).content, limits);
      case 'annex-a':
        return await parseAnnexA(single(files, format).content, limits);
      case 'ssda903': {
        const header = files.find((f) => /header/i.test(f.name));
        const episodes = files.find((f) => /episode/i.test(f.name));
        if (files.length !== 2 || !header || !episodes) {
          throw new RegisterFormatError('an SSDA903 import needs two files: header.csv and episodes.csv');
        }
        return parseSsda903({ header: header.content, episodes: episodes.content }, limits);
      }
    }
  } catch (error) {
    if (error instanceof ImportLimitError) throw limitProblem(error);
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

/** A register file from disk (the CLI): one over the size limit is refused before it is read. */
export async function readRegisterFile(path: string, limits = importLimitsFromEnv()): Promise<RegisterFile> {
  const file = { name: basename(path), content: Buffer.alloc(0) };
  try {
    checkFileSize(file, limits, (await stat(path)).size);
  } catch (error) {
    throw error instanceof ImportLimitError ? limitProblem(error) : error;
  }
  return { ...file, content: await readFile(path) };
}

function checkFileSize(file: RegisterFile, limits: ImportLimits, size = file.content.length): void {
  if (size > limits.fileBytes) {
    const max = limits.fileBytes.toLocaleString('en-GB');
    throw new ImportLimitError(
      'fileBytes',
      limits.fileBytes,
      `The file is larger than ${max} bytes`,
      file.name,
    );
  }
}

/** 422 naming the limit: `limit` is its name (e.g. inflatedBytes), `max` its value. */
export function limitProblem(error: ImportLimitError): DomainError {
  return new DomainError(ErrorCode.FileFormat, `file: ${error.message}`, {
    errors: [{ field: 'file', message: error.message }],
    limit: error.limit,
    max: error.max,
    ...(error.file ? { file: error.file } : {}),
  });
}
