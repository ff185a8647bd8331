import { hasHeader, headerKey, matchHeaders } from './headers.js';

describe('headerKey', () => {
  it.each<[unknown, string]>([
    ['case_ref', 'caseref'],
    ['Case Ref', 'caseref'],
    ['CASE_REF', 'caseref'],
    [' case ref ', 'caseref'],
    ['Case\u00a0Ref', 'caseref'],
    ['case-ref', 'caseref'],
    ['Age of Child (Years)', 'ageofchildyears'],
    ["Child's Legal Status", 'childslegalstatus'],
    [null, ''],
    [42, ''],
  ])('%j → %j', (input, expected) => {
    expect(headerKey(input)).toBe(expected);
  });
});

describe('matchHeaders', () => {
  const aliases = {
    caseRef: ['case_ref', 'case reference'],
    opened: ['CIN Start Date', 'Referral Date'],
    team: ['Allocated Team', 'Team'],
  };

  it('finds each logical column whatever the case, spacing or underscores', () => {
    const result = matchHeaders(['CASE REF', 'cin_start_date', 'ALLOCATED\u00a0TEAM'], aliases);
    expect(result).toEqual({ caseRef: [0], opened: [1], team: [2] });
  });

  it('orders several matches by alias preference, not by position', () => {
    const result = matchHeaders(['Referral Date', 'Team', 'CIN Start Date', 'Allocated Team'], aliases);
    expect(result.opened).toEqual([2, 0]);
    expect(result.team).toEqual([3, 1]);
  });

  it('leaves out logical columns with no matching header and ignores unknown headers', () => {
    const result = matchHeaders(['Case Reference', 'Gender', null, ''], aliases);
    expect(result).toEqual({ caseRef: [0] });
  });

  it('keeps repeated headers, in file order', () => {
    expect(matchHeaders(['Team', 'x', 'team'], aliases).team).toEqual([0, 2]);
  });
});

describe('hasHeader', () => {
  it.each<[unknown[], boolean]>([
    [['Child Unique ID', 'Gender'], true],
    [[null, 'child unique id'], true],
    [['CHILD_UNIQUE_ID'], true],
    [['Child ID number'], false],
    [['Annex A - List 6'], false],
    [[], false],
  ])('%j → %j', (headers, expected) => {
    expect(hasHeader(headers, ['Child Unique ID'])).toBe(expected);
  });
});
