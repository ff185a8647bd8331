import ExcelJS from 'exceljs';
import { parseAnnexA } from './annex-a.parser.js';
import { parseCsvRegister } from './csv-register.parser.js';

/**
 * The worker's stable key, from the columns the README names: `worker_id`, else `worker_email`,
 * in a CSV register; a "Worker ID" or "Worker Email" column in an Annex A workbook. Normalised
 * (no spaces, lower case) as users' keys are; a file without such a column gives no key.
 */
describe('the worker key columns', () => {
  it.each([
    [
      'worker_id',
      'case_ref,cohort,team,worker,worker_id,opened_on\nC1,CIN,T,Jo Smith, W-17 ,2024-01-01\n',
      'w-17',
    ],
    [
      'worker_email when there is no id',
      'case_ref,cohort,team,worker,worker_id,worker_email,opened_on\nC1,CIN,T,Jo,,Jo.Smith@Council.gov.uk,2024-01-01\n',
      'jo.smith@council.gov.uk',
    ],
    [
      'worker_id before worker_email',
      'case_ref,cohort,team,worker,worker_email,worker_id,opened_on\nC1,CIN,T,Jo,jo@x.gov.uk,W-17,2024-01-01\n',
      'w-17',
    ],
    ['no key column', 'case_ref,cohort,team,worker,opened_on\nC1,CIN,T,Jo Smith,2024-01-01\n', undefined],
    [
      'a blank key',
      'case_ref,cohort,team,worker,worker_id,opened_on\nC1,CIN,T,Jo Smith,,2024-01-01\n',
      undefined,
    ],
  ])('reads a CSV key from %s', (_case, content, key) => {
    const { rows, rejected } = parseCsvRegister(content);
    expect(rejected).toEqual([]);
    expect(rows[0].workerKey).toBe(key);
  });

  it('reads an Annex A key from its Worker ID or Worker Email column', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('List 6 - CIN');
    sheet.addRow(['Child Unique ID', 'CIN Start Date', 'CIN Closure Date', 'Team', 'Worker', 'Worker ID']);
    sheet.addRow(['A1', new Date(Date.UTC(2024, 0, 2)), null, 'North CIN', 'Jo Smith', 'W-17']);
    sheet.addRow(['A2', new Date(Date.UTC(2024, 0, 3)), null, 'North CIN', 'Jo Smith', null]);
    const { rows } = await parseAnnexA(Buffer.from(await book.xlsx.writeBuffer()));
    expect(rows.map((row) => [row.caseRef, row.workerKey])).toEqual([
      ['A1', 'w-17'],
      ['A2', undefined],
    ]);
  });
});
