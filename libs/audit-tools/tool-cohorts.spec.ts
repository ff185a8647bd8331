import { toolCohorts } from './tool-cohorts.js';

const domain = (cohorts: string[] | null) => ({ key: 'k', title: 't', guidance: [], cohorts });

describe('toolCohorts', () => {
  it.each([
    [[domain(null)], null],
    [[domain(['CP']), domain(null)], null],
    [
      [domain(['CP', 'CLA']), domain(['CP'])],
      ['CLA', 'CP'],
    ],
    [[domain([])], null],
    [[], null],
  ])('%j covers %j', (domains, expected) => {
    expect(toolCohorts({ domains, compliance: [] })).toEqual(expected);
  });
});
