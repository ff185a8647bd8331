import { plainTextProblem, TEXT_LIMITS } from '../../common/index.js';
import type { ParsedRegister, RegisterFormat, RegisterRow, RejectedRow } from './register-row.js';

/** The text fields of a register row: what a person typed into someone's system. */
export type RegisterTextField =
  'caseRef' | 'cohort' | 'team' | 'worker' | 'workerKey' | 'teamManager' | 'locality';

/**
 * The one schema every register row passes through before anything is stored, whichever file it
 * came from (CSV, Annex A, SSDA903; upload or CLI): each text field fits its column and holds the
 * same text a typed form may (TEXT_LIMITS and IsPlainText read the same limits and rule). New
 * fields (a worker's id or e-mail) join this table.
 */
export const REGISTER_TEXT_FIELDS: Readonly<Record<RegisterTextField, { column: string; max: number }>> = {
  caseRef: { column: 'case_ref', max: TEXT_LIMITS.caseRef },
  cohort: { column: 'cohort', max: TEXT_LIMITS.cohortCode },
  team: { column: 'team', max: TEXT_LIMITS.teamName },
  worker: { column: 'worker', max: TEXT_LIMITS.personName },
  workerKey: { column: 'worker_id', max: TEXT_LIMITS.workerKey },
  teamManager: { column: 'team_manager', max: TEXT_LIMITS.personName },
  locality: { column: 'locality', max: TEXT_LIMITS.localityName },
};

/** A column of the council's own register CSV, as the parser reads it. */
interface CsvColumnRule {
  /** The heading the template writes. */
  name: string;
  /** Other headings read as the same column. */
  aliases: readonly string[];
  /** Whether the heading must be in the file (a cell may still be blank where `says` allows). */
  required: boolean;
  /** What goes in it, in the upload page's words. */
  says: string;
}

/**
 * The register CSV's columns: the one list the parser reads its header by, the upload page
 * names and the template CSV carries. Other columns in a file are ignored.
 */
export const REGISTER_CSV_COLUMNS = [
  {
    name: 'case_ref',
    aliases: ['case_reference'],
    required: true,
    says: 'The case’s reference in your case system, once per case',
  },
  {
    name: 'cohort',
    aliases: [],
    required: true,
    says: 'CIN, CP, CLA or CL (care leaver); words such as “child in need” or “looked after” are read too',
  },
  {
    name: 'team',
    aliases: ['allocated_team'],
    required: true,
    says: 'The team the case is allocated to; blank if it is not allocated',
  },
  {
    name: 'worker',
    aliases: ['allocated_worker'],
    required: true,
    says: 'The allocated social worker’s name; blank if there is none',
  },
  {
    name: 'opened_on',
    aliases: [],
    required: true,
    says: 'The date the case opened, for example 14/03/2026 or 2026-03-14',
  },
  {
    name: 'closed_on',
    aliases: [],
    required: false,
    says: 'The date the case closed; blank while it is open',
  },
  { name: 'locality', aliases: [], required: false, says: 'The locality the team belongs to' },
  { name: 'team_manager', aliases: [], required: false, says: 'The name of the case’s team manager' },
  {
    name: 'worker_id',
    aliases: ['allocated_worker_id'],
    required: false,
    says: 'The worker’s id in your case or HR system: it links the case to the worker’s account here',
  },
  {
    name: 'worker_email',
    aliases: ['allocated_worker_email'],
    required: false,
    says: 'The worker’s e-mail address, where there is no worker id',
  },
] as const satisfies readonly CsvColumnRule[];

export type RegisterCsvColumnName = (typeof REGISTER_CSV_COLUMNS)[number]['name'];

/** A register CSV column as the upload page lists it: with the longest text its cells may hold. */
export interface RegisterCsvColumn {
  name: RegisterCsvColumnName;
  required: boolean;
  says: string;
  maxLength: number | null;
}

export function registerCsvColumns(): RegisterCsvColumn[] {
  const limits = new Map(Object.values(REGISTER_TEXT_FIELDS).map((f) => [f.column, f.max]));
  return REGISTER_CSV_COLUMNS.map(({ name, required, says }) => ({
    name,
    required,
    says,
    maxLength: limits.get(name) ?? null,
  }));
}

/** The template a council fills in: the header row, every column in the schema's order. */
export function registerCsvTemplate(): string {
  return `${REGISTER_CSV_COLUMNS.map((c) => c.name).join(',')}\r\n`;
}

/** The header a person finds in their own file, where it is not the CSV column's name. */
const LABELS: Readonly<Record<RegisterFormat, Partial<Record<RegisterTextField, string>>>> = {
  csv: {},
  'annex-a': {
    caseRef: 'Child Unique ID',
    team: 'Allocated Team',
    worker: 'Allocated Worker',
    workerKey: 'Worker ID',
    teamManager: 'Team Manager',
    locality: 'Locality',
  },
  ssda903: { caseRef: 'CHILD' },
};

const FIELDS = Object.keys(REGISTER_TEXT_FIELDS) as RegisterTextField[];

/** The column's name as the file's format calls it. */
export function registerColumnLabel(field: RegisterTextField, format: RegisterFormat = 'csv'): string {
  return LABELS[format][field] ?? REGISTER_TEXT_FIELDS[field].column;
}

/**
 * Why a row cannot be stored, naming the column and the rule ("case_ref: must be at most 64
 * characters"), or null. The first field at fault is named: one fix at a time is enough for a
 * person to find the cell.
 */
export function registerRowProblem(
  row: Pick<RegisterRow, RegisterTextField>,
  format: RegisterFormat = 'csv',
): { field: RegisterTextField; reason: string } | null {
  for (const field of FIELDS) {
    const value = row[field];
    if (value === null || value === undefined) continue;
    const problem = plainTextProblem(value, { max: REGISTER_TEXT_FIELDS[field].max });
    if (problem) return { field, reason: `${registerColumnLabel(field, format)}: ${problem}` };
    if (value !== value.trim()) {
      return { field, reason: `${registerColumnLabel(field, format)}: must not start or end with a space` };
    }
  }
  return null;
}

/** True when the text could be a stored case reference (so a rejection may name the case). */
function storableCaseRef(caseRef: string): boolean {
  return plainTextProblem(caseRef, { max: REGISTER_TEXT_FIELDS.caseRef.max }) === null;
}

/**
 * The parsed register with every row the schema refuses moved to `rejected`, so nothing of it is
 * stored. A rejection keeps its case reference only when that could be a stored one: a full
 * import keeps those cases open, and a reference too long for the column could not be matched
 * (PostgreSQL would refuse to compare it through the varchar(64) table at all).
 */
export function screenRegister(parsed: ParsedRegister): ParsedRegister {
  const rows: RegisterRow[] = [];
  const rejected: RejectedRow[] = parsed.rejected.map((r) =>
    r.caseRef === undefined || storableCaseRef(r.caseRef) ? r : unstorableRef(r, r.caseRef),
  );
  for (const row of parsed.rows) {
    const problem = registerRowProblem(row, parsed.format);
    if (!problem) {
      rows.push(row);
      continue;
    }
    const refusal: RejectedRow = { row: row.row, reason: problem.reason };
    if (row.source !== undefined) refusal.source = row.source;
    if (problem.field !== 'caseRef' && storableCaseRef(row.caseRef)) refusal.caseRef = row.caseRef;
    rejected.push(refusal);
  }
  return { ...parsed, rows, rejected };
}

/** Leaves the reference out, and shortens it where the reason repeats a 5,000-character one. */
function unstorableRef(rejection: RejectedRow, caseRef: string): RejectedRow {
  const copy = { ...rejection };
  delete copy.caseRef;
  if (caseRef.length > QUOTED_REF)
    copy.reason = copy.reason.replaceAll(caseRef, `${caseRef.slice(0, QUOTED_REF)}…`);
  return copy;
}

/** How much of an over-long reference a reason quotes: enough to find the row by. */
const QUOTED_REF = 20;
