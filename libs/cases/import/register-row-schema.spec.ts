import fc from 'fast-check';
import { characterCount, hasControlCharacter, TEXT_LIMITS } from '../../common/index.js';
import type { ParsedRegister, RegisterRow } from './register-row.js';
import { parseCsvRegister } from './csv-register.parser.js';
import {
  REGISTER_CSV_COLUMNS,
  registerCsvColumns,
  registerCsvTemplate,
  REGISTER_TEXT_FIELDS,
  registerRowProblem,
  type RegisterTextField,
  screenRegister,
} from './register-row-schema.js';

const row = (patch: Partial<RegisterRow> = {}): RegisterRow => ({
  row: 2,
  caseRef: 'C1',
  cohort: 'CIN',
  team: 'North CIN',
  worker: 'Ann Worker',
  teamManager: null,
  locality: 'North',
  openedOn: '2026-01-05',
  closedOn: null,
  ...patch,
});

describe('registerRowProblem', () => {
  it.each<[string, Partial<RegisterRow>, string | null]>([
    ['an ordinary row', {}, null],
    ['blank optional fields', { team: null, worker: null, locality: null }, null],
    ['fields exactly at their limits', { caseRef: 'x'.repeat(64), team: 't'.repeat(120) }, null],
    ['accents and emoji counted as one character each', { caseRef: 'é'.repeat(32) + '😀'.repeat(32) }, null],
    [
      'a case_ref of 5,000 characters',
      { caseRef: 'x'.repeat(5000) },
      'case_ref: must be at most 64 characters',
    ],
    ['a case_ref of 65 characters', { caseRef: 'x'.repeat(65) }, 'case_ref: must be at most 64 characters'],
    ['a team name of 5,000 characters', { team: 't'.repeat(5000) }, 'team: must be at most 120 characters'],
    ['a worker of 121 characters', { worker: 'w'.repeat(121) }, 'worker: must be at most 120 characters'],
    ['a long team manager', { teamManager: 'm'.repeat(121) }, 'team_manager: must be at most 120 characters'],
    ['a long locality', { locality: 'l'.repeat(101) }, 'locality: must be at most 100 characters'],
    ['a long cohort', { cohort: 'C'.repeat(21) }, 'cohort: must be at most 20 characters'],
    ['NUL in case_ref', { caseRef: 'C\u00001' }, 'case_ref: must not contain a control character'],
    ['NUL in worker', { worker: 'Ann\u0000' }, 'worker: must not contain a control character'],
    ['a C1 control in team', { team: 'North\u0085CIN' }, 'team: must not contain a control character'],
    ['DEL in locality', { locality: 'North\u007f' }, 'locality: must not contain a control character'],
    ['a line break in worker', { worker: 'Ann\nWorker' }, 'worker: must not contain a control character'],
    ['a lone surrogate in team', { team: 'North \ud800' }, 'team: must be valid Unicode text'],
    ['untrimmed text', { team: ' North' }, 'team: must not start or end with a space'],
    [
      'the first field at fault',
      { worker: 'w\u0000', caseRef: 'x'.repeat(65) },
      'case_ref: must be at most 64 characters',
    ],
  ])('%s → %j', (_what, patch, reason) => {
    expect(registerRowProblem(row(patch))?.reason ?? null).toBe(reason);
  });

  it.each<['annex-a' | 'ssda903', Partial<RegisterRow>, string]>([
    ['annex-a', { caseRef: 'x'.repeat(65) }, 'Child Unique ID: must be at most 64 characters'],
    ['annex-a', { worker: 'A\u0000' }, 'Allocated Worker: must not contain a control character'],
    ['ssda903', { caseRef: 'C\u0000' }, 'CHILD: must not contain a control character'],
  ])('names the column as a %s file calls it', (format, patch, reason) => {
    expect(registerRowProblem(row(patch), format)?.reason).toBe(reason);
  });

  it('checks each field against the limit its column has', () => {
    expect(REGISTER_TEXT_FIELDS).toEqual({
      caseRef: { column: 'case_ref', max: TEXT_LIMITS.caseRef },
      cohort: { column: 'cohort', max: TEXT_LIMITS.cohortCode },
      team: { column: 'team', max: TEXT_LIMITS.teamName },
      worker: { column: 'worker', max: TEXT_LIMITS.personName },
      workerKey: { column: 'worker_id', max: TEXT_LIMITS.workerKey },
      teamManager: { column: 'team_manager', max: TEXT_LIMITS.personName },
      locality: { column: 'locality', max: TEXT_LIMITS.localityName },
    });
  });

  it('accepts only text that fits its column, with no control character', () => {
    const fields = Object.keys(REGISTER_TEXT_FIELDS) as RegisterTextField[];
    // Lengths around the limits, and characters from every part of the code space that matters.
    const unit = fc.oneof(
      fc.constantFrom('a', ' ', '\u0000', '\t', '\n', '\u007f', '\u0085', '\u00a0', 'é', '😀', '\ud800'),
      fc.string({ unit: 'binary', maxLength: 1 }),
    );
    const text = fc.oneof(
      fc.string({ unit, maxLength: 130 }),
      fc.string({ unit: 'grapheme', maxLength: 70 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...fields), text, (field, value) => {
        if (registerRowProblem(row({ [field]: value }))) return;
        expect(characterCount(value)).toBeLessThanOrEqual(REGISTER_TEXT_FIELDS[field].max);
        expect(hasControlCharacter(value)).toBe(false);
        expect(value).toBe(value.trim());
        // Well-formed: UTF-8 carries it unchanged (a lone surrogate would come back as U+FFFD).
        expect(Buffer.from(value, 'utf8').toString('utf8')).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('screenRegister', () => {
  const parsed = (rows: RegisterRow[], rejected: ParsedRegister['rejected'] = []): ParsedRegister => ({
    format: 'csv',
    rows,
    rejected,
  });

  it('moves refused rows to rejected, naming the case when its reference could be stored', () => {
    const good = row({ row: 2, caseRef: 'C1' });
    const result = screenRegister(
      parsed([
        good,
        row({ row: 3, caseRef: 'C2', worker: 'A\u0000' }),
        row({ row: 4, caseRef: 'x'.repeat(65) }),
      ]),
    );
    expect(result.rows).toEqual([good]);
    expect(result.rejected).toEqual([
      { row: 3, caseRef: 'C2', reason: 'worker: must not contain a control character' },
      { row: 4, reason: 'case_ref: must be at most 64 characters' },
    ]);
  });

  it('keeps the source of a refused row', () => {
    const result = screenRegister(parsed([row({ source: 'List 6', team: 't'.repeat(121) })]));
    expect(result.rejected).toEqual([
      { row: 2, source: 'List 6', caseRef: 'C1', reason: 'team: must be at most 120 characters' },
    ]);
  });

  it('drops a case reference that could not be stored from an earlier rejection', () => {
    const result = screenRegister(
      parsed(
        [],
        [
          { row: 5, reason: 'cohort is blank', caseRef: 'x'.repeat(65) },
          { row: 6, reason: 'cohort is blank', caseRef: 'C\u0000' },
          { row: 7, reason: 'cohort is blank', caseRef: 'C7' },
        ],
      ),
    );
    expect(result.rejected).toEqual([
      { row: 5, reason: 'cohort is blank' },
      { row: 6, reason: 'cohort is blank' },
      { row: 7, reason: 'cohort is blank', caseRef: 'C7' },
    ]);
  });
});

describe('the register CSV columns', () => {
  it('make a template the parser reads: the header row alone, every column in order', () => {
    const template = registerCsvTemplate();
    expect(template.trim().split(',')).toEqual(REGISTER_CSV_COLUMNS.map((c) => c.name));
    expect(parseCsvRegister(template)).toEqual({ format: 'csv', rows: [], rejected: [] });
  });

  it.each(REGISTER_CSV_COLUMNS.filter((c) => c.required).map((c) => c.name))(
    'are the parser’s own list: without %s the file is refused, naming it',
    (name) => {
      const header = REGISTER_CSV_COLUMNS.map((c) => c.name).filter((n) => n !== name);
      expect(() => parseCsvRegister(`${header.join(',')}\n`)).toThrow(name);
    },
  );

  it('give each text column the limit its cells are checked against', () => {
    const columns = new Map(registerCsvColumns().map((c) => [c.name, c]));
    expect(columns.get('case_ref')!.maxLength).toBe(REGISTER_TEXT_FIELDS.caseRef.max);
    expect(columns.get('worker_id')!.maxLength).toBe(REGISTER_TEXT_FIELDS.workerKey.max);
    expect(columns.get('opened_on')!.maxLength).toBeNull();
    expect([...columns.values()].filter((c) => c.required).map((c) => c.name)).toEqual([
      'case_ref',
      'cohort',
      'team',
      'worker',
      'opened_on',
    ]);
  });
});
