import { cleanText } from './clean-text.js';
import { CsvSyntaxError, isBlankRecord, type CsvRecord } from './csv-reader.js';
import { forEachRegisterRecord } from './csv-records.js';
import { DEFAULT_IMPORT_LIMITS, ImportLimitError, type ImportLimits } from './import-limits.js';
import { matchHeaders } from './headers.js';
import { isInvalidDate, parseRegisterDate } from './register-date.js';
import {
  RegisterFormatError,
  type ParsedRegister,
  type RegisterRow,
  type RejectedRow,
} from './register-row.js';
import { caseFromEpisodes, type Episode } from './ssda903-periods.js';

const HEADER_FILE = 'header.csv';
const EPISODES_FILE = 'episodes.csv';
/** Legal statuses for short breaks: the DfE does not count these children as looked after. */
const SHORT_BREAKS = new Set(['V3', 'V4']);

/**
 * Reads the looked-after children (CLA) from a DfE SSDA903 return: header.csv lists the
 * children, episodes.csv their episodes of care. A child with an episode not yet ended (blank
 * DEC) is an open CLA case; a child whose episodes have all ended is a closed case, so that a
 * full import closes it. Team and worker are not in the return: they come back null.
 *
 * Only CHILD, DECOM, DEC and LS are read: no date of birth, sex, ethnicity or postcode.
 */
export function parseSsda903(
  files: { header: Buffer | string; episodes: Buffer | string },
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): ParsedRegister {
  const children = readChildren(files.header, limits);
  const table = readTable(files.episodes, EPISODES_FILE, ['CHILD', 'DECOM', 'DEC'], ['LS'], limits);
  const rejected: RejectedRow[] = [];
  const byChild = new Map<string, Episode[]>();
  const firstRejection = new Map<string, number>();
  for (const { line, fields } of table.records) {
    const reject = (reason: string, caseRef?: string): void => {
      rejected.push({ row: line, source: EPISODES_FILE, reason, ...(caseRef ? { caseRef } : {}) });
      if (caseRef && !firstRejection.has(caseRef)) firstRejection.set(caseRef, line);
    };
    if (fields.length !== table.width) {
      reject(`has ${fields.length} fields but the header has ${table.width}`);
      continue;
    }
    const child = cleanText(fields[table.columns.CHILD]);
    if (child === null) {
      reject('CHILD is blank');
      continue;
    }
    const legalStatus = table.columns.LS === undefined ? null : cleanText(fields[table.columns.LS]);
    if (legalStatus !== null && SHORT_BREAKS.has(legalStatus.toUpperCase())) continue;
    const decom = parseRegisterDate(fields[table.columns.DECOM]);
    const dec = parseRegisterDate(fields[table.columns.DEC]);
    if (decom === null) reject('DECOM is blank', child);
    else if (isInvalidDate(decom)) reject(`DECOM ${decom.error}`, child);
    else if (isInvalidDate(dec)) reject(`DEC ${dec.error}`, child);
    else if (dec !== null && dec < decom) reject(`DEC ${dec} is before DECOM ${decom}`, child);
    else {
      const episodes = byChild.get(child);
      const episode = { line, decom, dec };
      if (episodes) episodes.push(episode);
      else byChild.set(child, [episode]);
    }
  }

  const rows: RegisterRow[] = [];
  for (const [caseRef, episodes] of byChild) {
    const row = episodes[0].line;
    const badLine = firstRejection.get(caseRef);
    if (badLine !== undefined) {
      // Without the rejected episode the period of care, or whether it is open, may be wrong.
      const reason = `CHILD ${caseRef} not imported: its episode on line ${badLine} was rejected`;
      rejected.push({ row, source: EPISODES_FILE, caseRef, reason });
    } else if (!children.has(caseRef)) {
      const reason = `CHILD ${caseRef} has episodes but is not in ${HEADER_FILE}`;
      rejected.push({ row, source: EPISODES_FILE, caseRef, reason });
    } else {
      rows.push({ ...caseFromEpisodes(episodes), source: EPISODES_FILE, caseRef, cohort: 'CLA', ...UNKNOWN });
    }
  }
  return { format: 'ssda903', rows, rejected };
}

const UNKNOWN = { team: null, worker: null, teamManager: null, locality: null } as const;

function readChildren(content: Buffer | string, limits: ImportLimits): Set<string> {
  const table = readTable(content, HEADER_FILE, ['CHILD'], [], limits);
  const children = new Set<string>();
  for (const { fields } of table.records) {
    const child = cleanText(fields[table.columns.CHILD]);
    if (child !== null) children.add(child);
  }
  return children;
}

interface Table<R extends string, O extends string> {
  width: number;
  columns: Record<R, number> & Partial<Record<O, number>>;
  /** The records after the header, blank lines left out. */
  records: CsvRecord[];
}

function readTable<R extends string, O extends string>(
  content: Buffer | string,
  file: string,
  required: readonly R[],
  optional: readonly O[],
  limits: ImportLimits,
): Table<R, O> {
  const records: CsvRecord[] = [];
  try {
    forEachRegisterRecord(content, limits, file, (fields, line) => {
      if (!isBlankRecord(fields)) records.push({ line, fields });
    });
  } catch (error) {
    if (error instanceof ImportLimitError)
      throw new ImportLimitError(error.limit, error.max, error.message, file);
    if (error instanceof CsvSyntaxError)
      throw new RegisterFormatError(`${file}: ${error.message}`, undefined, file);
    throw error;
  }
  if (records.length === 0) throw new RegisterFormatError(`${file} is empty`, undefined, file);
  const header = records[0].fields;
  const names = [...required, ...optional];
  const aliases = {} as Record<R | O, string[]>;
  for (const name of names) aliases[name] = [name];
  const matched = matchHeaders(header, aliases, file);
  const missing = required.filter((name) => matched[name] === undefined);
  if (missing.length > 0) {
    const plural = missing.length > 1 ? 's' : '';
    throw new RegisterFormatError(`${file} has no ${missing.join(', ')} column${plural}`, missing[0], file);
  }
  const columns: Record<string, number> = {};
  for (const name of names) {
    const at = matched[name];
    if (at !== undefined) columns[name] = at[0];
  }
  return { width: header.length, columns: columns as Table<R, O>['columns'], records: records.slice(1) };
}
