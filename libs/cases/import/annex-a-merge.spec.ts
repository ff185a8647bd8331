import { LISTS } from './annex-a-lists.js';
import { mergeEntries } from './annex-a-merge.js';
import type { ListEntry } from './annex-a-sheet.js';

const list = (number: 6 | 7 | 8 | 9) => LISTS.find((l) => l.number === number)!;

function entry(number: 6 | 7 | 8 | 9, row: number, fields: Partial<ListEntry> = {}): ListEntry {
  return {
    list: list(number),
    row,
    source: `List ${number}`,
    caseRef: 'A1',
    team: `Team ${number}`,
    worker: `Worker ${number}`,
    teamManager: null,
    locality: null,
    openedOn: '2024-01-01',
    closedOn: null,
    ...fields,
  };
}

describe('mergeEntries', () => {
  it('makes one case of a child on one list', () => {
    const { rows, rejected } = mergeEntries([entry(6, 4)], []);
    expect(rejected).toEqual([]);
    expect(rows).toEqual([
      {
        row: 4,
        source: 'List 6',
        caseRef: 'A1',
        cohort: 'CIN',
        team: 'Team 6',
        worker: 'Worker 6',
        teamManager: null,
        locality: null,
        openedOn: '2024-01-01',
        closedOn: null,
      },
    ]);
  });

  it.each<[string, ListEntry[], string, string]>([
    ['CP over CIN', [entry(6, 2), entry(7, 3)], 'CP', 'Team 7'],
    ['CLA over CP and CIN, whatever the order', [entry(8, 5), entry(6, 2), entry(7, 3)], 'CLA', 'Team 8'],
    ['CL over CP', [entry(7, 3), entry(9, 9)], 'CL', 'Team 9'],
    ['CLA over CL', [entry(9, 9), entry(8, 5)], 'CLA', 'Team 8'],
    [
      'an open CIN over a closed CLA',
      [entry(8, 5, { closedOn: '2024-02-01' }), entry(6, 2)],
      'CIN',
      'Team 6',
    ],
  ])('open on several lists: %s, with that list’s team', (_label, entries, cohort, team) => {
    const { rows } = mergeEntries(entries, []);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ cohort, team, closedOn: null });
  });

  it('takes the opened date, worker and row from the chosen list', () => {
    const { rows } = mergeEntries(
      [entry(6, 2, { openedOn: '2023-05-01' }), entry(7, 7, { openedOn: '2024-02-02' })],
      [],
    );
    expect(rows[0]).toMatchObject({ row: 7, source: 'List 7', worker: 'Worker 7', openedOn: '2024-02-02' });
  });

  it('closes a child closed on every list on the latest closure date, with the most specific cohort', () => {
    const { rows } = mergeEntries(
      [
        entry(6, 2, { openedOn: '2023-01-01', closedOn: '2024-06-30' }),
        entry(7, 3, { openedOn: '2023-03-01', closedOn: '2024-03-31' }),
      ],
      [],
    );
    expect(rows).toEqual([
      expect.objectContaining({ cohort: 'CP', openedOn: '2023-03-01', closedOn: '2024-06-30' }),
    ]);
  });

  it('picks the current episode when a child is open twice on the same list', () => {
    const { rows } = mergeEntries(
      [
        entry(6, 2, { openedOn: '2023-01-01', team: 'Old' }),
        entry(6, 3, { openedOn: '2024-01-01', team: 'New' }),
      ],
      [],
    );
    expect(rows[0]).toMatchObject({ row: 3, team: 'New' });
  });

  it('keeps children in the order they first appear', () => {
    const { rows } = mergeEntries(
      [entry(6, 2, { caseRef: 'B' }), entry(6, 3, { caseRef: 'A' }), entry(8, 2, { caseRef: 'B' })],
      [],
    );
    expect(rows.map((r) => [r.caseRef, r.cohort])).toEqual([
      ['B', 'CLA'],
      ['A', 'CIN'],
    ]);
  });

  it('withholds a child with a rejected row, saying which row', () => {
    const bad = {
      row: 8,
      source: 'List 8',
      caseRef: 'A1',
      reason: 'Date Started to be Looked After "x" is not a date',
    };
    const noId = { row: 9, source: 'List 8', reason: 'Child Unique ID is blank' };
    const { rows, rejected } = mergeEntries([entry(6, 2), entry(6, 3, { caseRef: 'B2' })], [bad, noId]);
    expect(rows.map((r) => r.caseRef)).toEqual(['B2']);
    expect(rejected).toEqual([
      bad,
      noId,
      {
        row: 2,
        source: 'List 6',
        caseRef: 'A1',
        reason: 'Child Unique ID A1 not imported: its row 8 on sheet "List 8" was rejected',
      },
    ]);
  });
});
