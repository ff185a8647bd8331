import ExcelJS from 'exceljs';

/** An Annex A workbook as councils send it: title rows, serial and text dates, NBSPs, #N/A teams. */
export async function annexAWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const cin = workbook.addWorksheet('List 6 - CIN');
  cin.addRow(['Annex A: List 6 children in need']);
  cin.addRow([]);
  cin.addRow([
    'Child Unique ID',
    'Gender',
    'Age',
    'CIN Start Date',
    'CIN Closure Date',
    'Allocated Team',
    'Allocated Worker',
  ]);
  cin.addRow(['AA-1', 'b) Female', 7, 45292, null, 'North\u00a0CIN', 'Worker One']);
  cin.addRow(['AA-2', 'Male', 9, '03/02/2024', '01/06/2024', 'North CIN', 'Worker Two']);
  cin.addRow(['AA-3', 'Female', 3, '15/07/2024', null, '#N/A', 'Worker Three']);
  cin.addRow(['AA-4', 'Female', 5, '31/02/2024', null, 'North CIN', 'Worker Four']);
  const cp = workbook.addWorksheet('List 7');
  cp.addRow([
    'Child Unique ID',
    'Child Protection Plan Start Date',
    'Child Protection Plan End Date',
    'Team',
    'Worker',
  ]);
  cp.addRow(['AA-1', new Date(Date.UTC(2024, 4, 10)), null, 'North CP', 'Worker Five']);
  const cla = workbook.addWorksheet('List 8');
  cla.addRow([
    'Child Unique ID',
    'Date Started to be Looked After',
    'Date Ceased to be Looked After',
    'Allocated Team',
  ]);
  cla.addRow(['AA-5', '2023-09-01', null, 'East CLA']);
  workbook.addWorksheet('Notes').addRow(['ignored']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An SSDA903 header file: three children (personal columns the import never keeps). */
export const SSDA903_HEADER =
  'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n9001,1,01/01/2010,WBRI,A1,,\n9002,2,02/02/2012,WBRI,A2,,\n9003,1,03/03/2014,WBRI,A3,,\n';
/** Their episodes: 9001 and 9002 looked after now, 9003 ceased in 2022. */
export const SSDA903_EPISODES = [
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
  '9001,01/04/2023,S,C2,N1,U1,PR1,01/09/2023,P1,CARPL,AB1,AB2,SC1',
  '9001,01/09/2023,P,C2,N1,U1,PR1,,,,AB1,AB2,SC1',
  '9002,05/05/2022,S,C2,N1,U1,PR1,,,,AB1,AB2,SC1',
  '9002,06/06/2023,P,C2,N1,U1,PR1,,,,AB1,AB2,SC1',
  '9003,01/01/2021,S,C2,N1,U1,PR1,01/01/2022,E11,,AB1,AB2,SC1',
].join('\n');
