import { extname } from 'node:path';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import {
  type ParsedRegister,
  parseAnnexA,
  parseCsvRegister,
  parseSsda903,
  type RegisterFormat,
  RegisterFormatError,
} from './import/index.js';

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

/** The files read as one register; a file that is not its format is refused whole (422 naming the column). */
export async function parseRegisterFiles(
  format: RegisterFormat,
  files: readonly RegisterFile[],
): Promise<ParsedRegister> {
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
