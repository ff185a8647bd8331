import { parseCsvRegister } from './csv-register.parser.js';
import { RegisterFormatError, type RegisterRow } from './register-row.js';

const HEADER = 'case_ref,cohort,team,worker,opened_on,closed_on,locality,team_manager';
const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';

function formatError(run: () => unknown): RegisterFormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof RegisterFormatError) return error;
    throw error;
  }
  throw new Error('expected a RegisterFormatError');
}

describe('parseCsvRegister', () => {
  it('reads a clean register into rows with line numbers', () => {
    const result = parseCsvRegister(
      csv(
        HEADER,
        'C1,CIN,North CIN,Jo Smith,01/02/2024,,North,Sam Lee',
        'C2,cp,North CP,Ali Khan,2024-03-04,05/06/2024,North,',
      ),
    );
    expect(result).toEqual({
      format: 'csv',
      rejected: [],
      rows: [
        {
          row: 2,
          caseRef: 'C1',
          cohort: 'CIN',
          team: 'North CIN',
          worker: 'Jo Smith',
          teamManager: 'Sam Lee',
          locality: 'North',
          openedOn: '2024-02-01',
          closedOn: null,
        },
        {
          row: 3,
          caseRef: 'C2',
          cohort: 'CP',
          team: 'North CP',
          worker: 'Ali Khan',
          teamManager: null,
          locality: 'North',
          openedOn: '2024-03-04',
          closedOn: '2024-06-05',
        },
      ] satisfies RegisterRow[],
    });
  });

  it('matches headers whatever their case and spacing, in any order, ignoring extra columns', () => {
    const content = csv(' Opened On ,CASE_REF,Notes,Cohort,Team,WORKER', '01/01/2024,C9,anything,LAC,T,W');
    const { rows, rejected } = parseCsvRegister(content);
    expect(rejected).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        caseRef: 'C9',
        cohort: 'CLA',
        team: 'T',
        worker: 'W',
        teamManager: null,
        locality: null,
        openedOn: '2024-01-01',
        closedOn: null,
      },
    ]);
  });

  it('reads a Buffer with a UTF-8 byte-order mark, quoted commas and quotes', () => {
    const content = Buffer.from(
      '\ufeff' +
        csv('case_ref,cohort,team,worker,opened_on', 'C1,CIN,"North, East","Jo ""JJ"" Smith",01/01/2024'),
      'utf8',
    );
    const { rows } = parseCsvRegister(content);
    expect(rows[0]).toMatchObject({ caseRef: 'C1', team: 'North, East', worker: 'Jo "JJ" Smith' });
  });

  it('counts line numbers from the file, past blank lines and line breaks inside quotes', () => {
    const content = csv(HEADER, '', 'C1,CIN,"North\nTeam",W,01/01/2024,,,', ',,,,,,,', 'C2,CIN,T,W,bad,,,');
    const { rows, rejected } = parseCsvRegister(content);
    expect(rows).toEqual([expect.objectContaining({ row: 3, caseRef: 'C1', team: 'North Team' })]);
    expect(rejected).toEqual([{ row: 6, caseRef: 'C2', reason: expect.stringMatching(/^opened_on "bad"/) }]);
  });

  it('treats blank, #N/A and Unallocated teams and workers as unknown, not as errors', () => {
    const content = csv(
      HEADER,
      'C1,CIN,,,01/01/2024,,,',
      'C2,CIN,#N/A,N/A,01/01/2024,,,',
      'C3,CIN,Unallocated,unallocated,01/01/2024,,,',
    );
    const { rows, rejected } = parseCsvRegister(content);
    expect(rejected).toEqual([]);
    expect(rows.map((r) => [r.team, r.worker])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it('reads "Open" and the like in closed_on as an open case', () => {
    const { rows, rejected } = parseCsvRegister(
      csv(HEADER, 'C1,CIN,T,W,01/01/2024,Open,,', 'C2,CP,T,W,01/01/2024,ongoing,,'),
    );
    expect(rejected).toEqual([]);
    expect(rows.map((r) => r.closedOn)).toEqual([null, null]);
  });

  it('keeps unknown cohorts upper-cased for the import service to judge', () => {
    const { rows } = parseCsvRegister(
      csv(HEADER, 'C1,Early Help,T,W,01/01/2024,,,', 'C2,send,T,W,01/01/2024,,,'),
    );
    expect(rows.map((r) => r.cohort)).toEqual(['EARLY HELP', 'SEND']);
  });

  it('rejects bad rows with their line number and a reason naming the field, keeping the rest', () => {
    const content = csv(
      HEADER,
      'C1,CIN,T,W,01/01/2024,,,',
      ',CIN,T,W,01/01/2024,,,',
      'C3,,T,W,01/01/2024,,,',
      'C4,CIN,T,W,,,,',
      'C5,CIN,T,W,31/02/2024,,,',
      'C6,CIN,T,W,01/01/2024,someday,,',
      'C7,CIN,T,W,01/03/2024,01/02/2024,,',
      'C1,CP,T,W,01/01/2024,,,',
      'C9,CIN,Smith, Jo,W,01/01/2024,,,',
      'C10,CIN,T,W',
      'C11,CIN,T,W,01/01/2024,01/01/2024,,',
    );
    const { rows, rejected } = parseCsvRegister(content);
    expect(rows.map((r) => r.caseRef)).toEqual(['C1', 'C11']);
    expect(rejected).toEqual([
      { row: 3, reason: 'case_ref is blank' },
      { row: 4, caseRef: 'C3', reason: 'cohort is blank' },
      { row: 5, caseRef: 'C4', reason: 'opened_on is blank' },
      { row: 6, caseRef: 'C5', reason: 'opened_on "31/02/2024" is not a real date' },
      { row: 7, caseRef: 'C6', reason: expect.stringMatching(/^closed_on "someday" is not a date/) },
      { row: 8, caseRef: 'C7', reason: 'closed_on 2024-02-01 is before opened_on 2024-03-01' },
      { row: 9, caseRef: 'C1', reason: 'case_ref C1 is a duplicate of row 2' },
      { row: 10, reason: 'has 9 fields but the header has 8 (is a comma missing its quotes?)' },
      { row: 11, reason: 'has 4 fields but the header has 8 (is the row cut short?)' },
    ]);
  });

  it('rejects a row with extra fields even when they are empty: its values may have shifted', () => {
    const { rows, rejected } = parseCsvRegister(csv(HEADER, 'C1,CIN,T,W,01/01/2024,,,,,'));
    expect(rows).toEqual([]);
    expect(rejected).toEqual([
      { row: 2, reason: expect.stringMatching(/^has 10 fields but the header has 8/) },
    ]);
  });

  it('rejects a later duplicate even when the first row was itself rejected', () => {
    const { rows, rejected } = parseCsvRegister(csv(HEADER, 'C1,CIN,T,W,bad,,,', 'C1,CIN,T,W,01/01/2024,,,'));
    expect(rows).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^opened_on/),
      'case_ref C1 is a duplicate of row 2',
    ]);
  });

  it.each([
    ['cohort', 'case_ref,team,worker,opened_on'],
    ['case_ref', 'Case Number,cohort,team,worker,opened_on'],
    ['team', 'case_ref,cohort,worker,opened_on'],
    ['worker', 'case_ref,cohort,team,opened_on'],
    ['opened_on', 'case_ref,cohort,team,worker,closed_on'],
  ])('refuses the file when the %s column is missing, naming it', (column, header) => {
    const error = formatError(() => parseCsvRegister(csv(header, 'x,x,x,x,x')));
    expect(error.column).toBe(column);
    expect(error.message).toContain(column);
  });

  it('names every missing column in the message', () => {
    const error = formatError(() => parseCsvRegister(csv('case_ref,team')));
    expect(error.message).toMatch(/cohort, worker, opened_on/);
    expect(error.message).toMatch(/found: case_ref, team/);
  });

  it('explains a file saved with semicolons', () => {
    const error = formatError(() => parseCsvRegister(csv('case_ref;cohort;team;worker;opened_on')));
    expect(error.message).toMatch(/separator/);
  });

  it.each([
    ['an empty file', ''],
    ['only a byte-order mark', '\ufeff'],
    ['only blank lines', '\r\n\r\n,,\r\n'],
  ])('refuses %s', (_label, content) => {
    expect(formatError(() => parseCsvRegister(content)).message).toMatch(/empty/);
  });

  it('refuses an Excel workbook passed as CSV', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    expect(formatError(() => parseCsvRegister(zip)).message).toMatch(/Excel workbook/);
  });

  it('refuses a file whose quotes never close', () => {
    const error = formatError(() => parseCsvRegister(csv(HEADER, 'C1,CIN,"T,W,01/01/2024,,,')));
    expect(error.message).toMatch(/line 2/);
  });

  it('accepts a header-only file as an empty register', () => {
    expect(parseCsvRegister(csv(HEADER))).toEqual({ format: 'csv', rows: [], rejected: [] });
  });

  it('reads 20,000 rows with repeated teams and dates consistently', () => {
    const lines = [HEADER];
    for (let i = 0; i < 20_000; i++) {
      lines.push(
        `C${i},${['CIN', 'CP', 'CLA', 'CL'][i % 4]},Team ${i % 7},"Smith, J${i % 50}",0${1 + (i % 9)}/01/2024,,,`,
      );
    }
    const { rows, rejected } = parseCsvRegister(csv(...lines));
    expect(rejected).toEqual([]);
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999]).toMatchObject({
      row: 20_001,
      caseRef: 'C19999',
      cohort: 'CL',
      team: 'Team 0',
      worker: 'Smith, J49',
      openedOn: '2024-01-02',
    });
  });
});

describe('parseCsvRegister and repeated headers', () => {
  it.each<[string, string, string]>([
    ['one spelling twice', 'case_ref,cohort,team,worker,opened_on,Team', 'team'],
    ['two spellings of one column', 'case_ref,cohort,team,worker,opened_on,case_reference', 'case_ref'],
  ])('refuses %s, naming the column', (_what, header, column) => {
    const read = () => parseCsvRegister(`${header}\nC1,CIN,North,Ann,2025-01-15,x\n`);
    expect(read).toThrow(RegisterFormatError);
    expect(read).toThrow(
      expect.objectContaining({ column, message: expect.stringMatching(/twice|2 times/) }),
    );
  });

  it('still ignores a column it does not read, even twice', () => {
    const csv = 'case_ref,cohort,team,worker,opened_on,notes,notes\nC1,CIN,North,Ann,2025-01-15,a,b\n';
    expect(parseCsvRegister(csv).rows).toHaveLength(1);
  });
});
