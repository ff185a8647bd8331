import { listForSheet } from './annex-a-lists.js';

describe('listForSheet', () => {
  it.each<[string, number | undefined]>([
    ['List 6', 6],
    ['list 6', 6],
    ['LIST 7', 7],
    ['List6', 6],
    ['List_8', 8],
    ['List-9', 9],
    ['List 6 - CIN', 6],
    ['List 8 (CLA)', 8],
    ['Annex A List 7', 7],
    ['List\u00a09', 9],
    ['  List 6  ', 6],
    ['List 1', undefined],
    ['List 5', undefined],
    ['List 10', undefined],
    ['List 60', undefined],
    ['Checklist 6', undefined],
    ['Cover', undefined],
    ['Children in Need', undefined],
  ])('%j → List %s', (name, expected) => {
    expect(listForSheet(name)?.number).toBe(expected);
  });

  it('gives each list its cohort', () => {
    expect(['List 6', 'List 7', 'List 8', 'List 9'].map((name) => listForSheet(name)?.cohort)).toEqual([
      'CIN',
      'CP',
      'CLA',
      'CL',
    ]);
  });

  it('ranks CLA over CL over CP over CIN', () => {
    const rank = (name: string) => listForSheet(name)?.specificity ?? 0;
    expect(rank('List 8')).toBeGreaterThan(rank('List 9'));
    expect(rank('List 9')).toBeGreaterThan(rank('List 7'));
    expect(rank('List 7')).toBeGreaterThan(rank('List 6'));
  });
});
