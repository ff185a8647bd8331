import { cleanAllocation, cleanText, stripCodePrefix } from './clean-text.js';

describe('cleanText', () => {
  it.each<[string | null | undefined, string | null]>([
    ['North Team', 'North Team'],
    ['  North Team  ', 'North Team'],
    ['North   Team', 'North Team'],
    ['North\u00a0Team', 'North Team'],
    ['\u00a0North \u00a0 Team\u00a0', 'North Team'],
    ['North\tTeam\r\n', 'North Team'],
    ['North\u200bTeam', 'North Team'],
    ['\ufeffCR1', 'CR1'],
    ['', null],
    ['   ', null],
    ['\u00a0', null],
    ['#N/A', null],
    ['#n/a', null],
    ['N/A', null],
    ['n/a', null],
    ['NULL', null],
    ['null', null],
    ['-', null],
    [' - ', null],
    ['#REF!', null],
    ['#VALUE!', null],
    [null, null],
    [undefined, null],
    ['--', '--'],
    ['NA', 'NA'],
    ['Nullarbor', 'Nullarbor'],
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('cleanAllocation', () => {
  it.each<[string | null, string | null]>([
    ['Unallocated', null],
    ['UNALLOCATED', null],
    [' not  allocated ', null],
    ['Awaiting allocation', null],
    ['#N/A', null],
    ['', null],
    ['North CIN Team', 'North CIN Team'],
    ['Jo Smith', 'Jo Smith'],
  ])('%j → %j', (input, expected) => {
    expect(cleanAllocation(input)).toBe(expected);
  });
});

describe('stripCodePrefix', () => {
  it.each<[string | null, string | null]>([
    ['b) Female', 'Female'],
    ['a) Yes', 'Yes'],
    ['A) Yes', 'Yes'],
    ['c)Unknown', 'Unknown'],
    ['p1) 5D: LA services', '5D: LA services'],
    ['zz) T4: Temporary placement', 'T4: Temporary placement'],
    ['Female', 'Female'],
    ['Yes', 'Yes'],
    ['a)', 'a)'],
    ['RC8 - Case closed after assessment', 'RC8 - Case closed after assessment'],
    ['abc) Not a code', 'abc) Not a code'],
    [null, null],
  ])('%j → %j', (input, expected) => {
    expect(stripCodePrefix(input)).toBe(expected);
  });
});
