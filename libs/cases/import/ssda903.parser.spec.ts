import { RegisterFormatError } from './register-row.js';
import { parseSsda903 } from './ssda903.parser.js';

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
const EPISODES =
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';
const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';
const child = (id: string) => `${id},1,01/02/2010,WBRI,A123456789012,,`;
const episode = (id: string, decom: string, dec = '', ls = 'C2') =>
  `${id},${decom},S,${ls},N1,U1,PR1,${dec},${dec ? 'E8' : ''},,AB1 2CD,AB3 4EF,SC123456`;

function formatError(run: () => unknown): RegisterFormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof RegisterFormatError) return error;
    throw error;
  }
  throw new Error('expected a RegisterFormatError');
}

describe('parseSsda903', () => {
  it('reads each child with an open episode as one open CLA case, from the start of the period of care', () => {
    const result = parseSsda903({
      header: csv(HEADER, child('K1'), child('K2'), child('K3')),
      episodes: csv(
        EPISODES,
        episode('K1', '01/04/2023', '15/09/2023'),
        episode('K1', '15/09/2023'),
        episode('K2', '03/01/2024'),
        episode('K2', '10/02/2024'),
      ),
    });
    const base = {
      source: 'episodes.csv',
      cohort: 'CLA',
      team: null,
      worker: null,
      teamManager: null,
      locality: null,
    };
    expect(result).toEqual({
      format: 'ssda903',
      rejected: [],
      rows: [
        { ...base, row: 2, caseRef: 'K1', openedOn: '2023-04-01', closedOn: null },
        { ...base, row: 4, caseRef: 'K2', openedOn: '2024-01-03', closedOn: null },
      ],
    });
  });

  it('reads a child whose episodes have all ceased as a closed case, on the latest DEC', () => {
    const { rows } = parseSsda903({
      header: csv(HEADER, child('K1')),
      episodes: csv(
        EPISODES,
        episode('K1', '01/04/2023', '15/09/2023'),
        episode('K1', '15/09/2023', '31/01/2024'),
      ),
    });
    expect(rows).toEqual([
      expect.objectContaining({ caseRef: 'K1', openedOn: '2023-04-01', closedOn: '2024-01-31' }),
    ]);
  });

  it('returns nothing it does not need: no date of birth, sex, ethnicity or postcodes', () => {
    const { rows } = parseSsda903({
      header: csv(HEADER, child('K1')),
      episodes: csv(EPISODES, episode('K1', '01/04/2023')),
    });
    expect(JSON.stringify(rows)).not.toMatch(/2010|WBRI|AB1|AB3|SC123456|A123456789012/);
  });

  it('leaves out short breaks (legal status V3, V4), which the DfE does not count as looked after', () => {
    const { rows } = parseSsda903({
      header: csv(HEADER, child('K1'), child('K2')),
      episodes: csv(
        EPISODES,
        episode('K1', '01/04/2023', '', 'V3'),
        episode('K2', '01/04/2023', '02/04/2023', 'v4'),
        episode('K2', '01/06/2023', '', 'C2'),
      ),
    });
    expect(rows.map((r) => [r.caseRef, r.openedOn])).toEqual([['K2', '2023-06-01']]);
  });

  it('matches column names whatever their case and spacing, in any order', () => {
    const { rows } = parseSsda903({
      header: Buffer.from('\ufeffdob, child \r\n01/01/2010,K1\r\n'),
      episodes: Buffer.from('dec,Child,DeCom\r\n,K1,01/04/2023\r\n'),
    });
    expect(rows).toEqual([expect.objectContaining({ caseRef: 'K1', openedOn: '2023-04-01' })]);
  });

  it('ignores children in header.csv with no episodes', () => {
    const { rows, rejected } = parseSsda903({
      header: csv(HEADER, child('K1'), child('K2')),
      episodes: csv(EPISODES, episode('K2', '01/04/2023')),
    });
    expect(rows.map((r) => r.caseRef)).toEqual(['K2']);
    expect(rejected).toEqual([]);
  });

  it('rejects bad episodes with their episodes.csv line, and withholds those children', () => {
    const { rows, rejected } = parseSsda903({
      header: csv(HEADER, child('K1'), child('K2'), child('K3'), child('K4'), child('K5')),
      episodes: csv(
        EPISODES,
        episode('K1', '01/04/2023'),
        episode('', '01/04/2023'),
        episode('K2', '31/02/2023'),
        episode('K3', ''),
        episode('K4', '01/04/2023', '2023-13-01'),
        episode('K5', '01/05/2023', '01/04/2023'),
        episode('K5', '01/05/2023'),
        'K6,01/04/2023',
        episode('K9', '01/04/2023'),
      ),
    });
    const src = { source: 'episodes.csv' };
    expect(rows.map((r) => r.caseRef)).toEqual(['K1']);
    expect(rejected).toEqual([
      { ...src, row: 3, reason: 'CHILD is blank' },
      { ...src, row: 4, caseRef: 'K2', reason: 'DECOM "31/02/2023" is not a real date' },
      { ...src, row: 5, caseRef: 'K3', reason: 'DECOM is blank' },
      { ...src, row: 6, caseRef: 'K4', reason: 'DEC "2023-13-01" is not a real date' },
      { ...src, row: 7, caseRef: 'K5', reason: 'DEC 2023-04-01 is before DECOM 2023-05-01' },
      { ...src, row: 9, reason: 'has 2 fields but the header has 13' },
      { ...src, row: 8, caseRef: 'K5', reason: 'CHILD K5 not imported: its episode on line 7 was rejected' },
      { ...src, row: 10, caseRef: 'K9', reason: 'CHILD K9 has episodes but is not in header.csv' },
    ]);
  });

  it.each([
    ['CHILD', 'episodes.csv', HEADER, 'ID,DECOM,DEC'],
    ['DECOM', 'episodes.csv', HEADER, 'CHILD,DEC,LS'],
    ['DEC', 'episodes.csv', HEADER, 'CHILD,DECOM,LS'],
    ['CHILD', 'header.csv', 'ID,SEX,DOB', EPISODES],
  ])('refuses the return when %s is missing from %s, naming both', (column, file, header, episodes) => {
    const error = formatError(() => parseSsda903({ header: csv(header), episodes: csv(episodes) }));
    expect(error.column).toBe(column);
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain(column);
  });

  it('refuses swapped files', () => {
    const error = formatError(() => parseSsda903({ header: csv(EPISODES), episodes: csv(HEADER) }));
    expect(error.file).toBe('episodes.csv');
    expect(error.column).toBe('DECOM');
  });

  it.each([
    ['header.csv', '', csv(EPISODES)],
    ['episodes.csv', csv(HEADER), '\r\n'],
  ])('refuses an empty %s', (file, header, episodes) => {
    const error = formatError(() => parseSsda903({ header, episodes }));
    expect(error.file).toBe(file);
    expect(error.message).toMatch(/empty/);
  });

  it('reads a header-only episodes.csv as no cases', () => {
    expect(parseSsda903({ header: csv(HEADER, child('K1')), episodes: csv(EPISODES) })).toEqual({
      format: 'ssda903',
      rows: [],
      rejected: [],
    });
  });
});

describe('parseSsda903 and repeated headers', () => {
  it('refuses an episodes file naming a column twice, naming the column and the file', () => {
    const read = () =>
      parseSsda903({ header: 'CHILD\n1\n', episodes: 'CHILD,DECOM,DEC,DECOM\n1,01/01/2024,,02/01/2024\n' });
    expect(read).toThrow('episodes.csv: the header row has the column "DECOM" 2 times');
    expect(read).toThrow(expect.objectContaining({ column: 'DECOM', file: 'episodes.csv' }));
  });
});
