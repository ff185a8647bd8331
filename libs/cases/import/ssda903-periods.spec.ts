import { caseFromEpisodes, type Episode } from './ssda903-periods.js';

const ep = (line: number, decom: string, dec: string | null = null): Episode => ({ line, decom, dec });

describe('caseFromEpisodes', () => {
  it.each<[string, Episode[], { row: number; openedOn: string; closedOn: string | null }]>([
    ['one open episode', [ep(2, '2024-01-01')], { row: 2, openedOn: '2024-01-01', closedOn: null }],
    [
      'a placement move within the period of care',
      [ep(2, '2023-01-01', '2023-06-01'), ep(3, '2023-06-01', '2024-01-01'), ep(4, '2024-01-01')],
      { row: 2, openedOn: '2023-01-01', closedOn: null },
    ],
    [
      'a gap before the current period (an earlier period of care)',
      [ep(2, '2020-01-01', '2020-06-01'), ep(3, '2023-01-01', '2023-06-01'), ep(4, '2023-06-01')],
      { row: 3, openedOn: '2023-01-01', closedOn: null },
    ],
    [
      'episodes out of order in the file',
      [ep(9, '2024-01-01'), ep(3, '2023-06-01', '2024-01-01'), ep(5, '2023-01-01', '2023-06-01')],
      { row: 5, openedOn: '2023-01-01', closedOn: null },
    ],
    [
      'two open episodes: one case, from the earlier',
      [ep(2, '2024-02-01'), ep(3, '2023-11-01')],
      { row: 3, openedOn: '2023-11-01', closedOn: null },
    ],
    [
      'a same-day episode in the chain',
      [ep(2, '2023-01-01', '2023-05-01'), ep(3, '2023-05-01', '2023-05-01'), ep(4, '2023-05-01')],
      { row: 2, openedOn: '2023-01-01', closedOn: null },
    ],
    [
      'all episodes ceased: closed on the latest DEC, opened at the start of that period',
      [
        ep(2, '2020-01-01', '2020-03-01'),
        ep(3, '2023-01-01', '2023-04-01'),
        ep(4, '2023-04-01', '2024-02-01'),
      ],
      { row: 3, openedOn: '2023-01-01', closedOn: '2024-02-01' },
    ],
  ])('%s', (_label, episodes, expected) => {
    expect(caseFromEpisodes(episodes)).toEqual(expected);
  });
});
