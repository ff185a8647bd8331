import { normaliseCohort } from './cohort.js';

describe('normaliseCohort', () => {
  it.each<[string | null | undefined, string | null]>([
    ['CIN', 'CIN'],
    ['cin', 'CIN'],
    ['Child in need', 'CIN'],
    ['Children in Need', 'CIN'],
    ['c) Child in need plan', 'CIN'],
    ['CP', 'CP'],
    ['child protection', 'CP'],
    ['Child Protection Plan', 'CP'],
    ['CLA', 'CLA'],
    ['LAC', 'CLA'],
    ['looked after', 'CLA'],
    ['Children Looked After', 'CLA'],
    ['Looked-after child', 'CLA'],
    ['children in care', 'CLA'],
    ['CL', 'CL'],
    ['care leaver', 'CL'],
    ['Care Leavers', 'CL'],
    ['care_leavers', 'CL'],
    [' Care\u00a0 Leaver ', 'CL'],
    ['EH', 'EH'],
    ['mash', 'MASH'],
    ['Send', 'SEND'],
    ['Early  Help', 'EARLY HELP'],
    ['constructor', 'CONSTRUCTOR'],
    ['', null],
    ['  ', null],
    ['#N/A', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (input, expected) => {
    expect(normaliseCohort(input)).toBe(expected);
  });
});
