import { hasHeader, headerKey, matchHeaders } from './headers.js';
import { RegisterFormatError } from './register-row.js';

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

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

  it.each<[string, unknown[], string]>([
    ['the same spelling', ['case_ref', 'Team', 'x', 'Team'], 'Team'],
    ['another case or spacing', ['case_ref', 'Team', 'TEAM '], 'Team'],
    ['the preferred alias', ['Case Reference', 'case_reference', 'team'], 'Case Reference'],
  ])('refuses a header it reads that appears twice (%s), naming it', (_what, headers, name) => {
    const read = () => matchHeaders(headers, aliases, 'List 6');
    expect(read).toThrow(RegisterFormatError);
    expect(read).toThrow(`List 6: the header row has the column "${name}" 2 times`);
    expect(catchError(read)).toMatchObject({ column: name, file: 'List 6' });
  });

  it('ignores a header it does not read appearing twice, and blank headers', () => {
    expect(matchHeaders(['case_ref', 'Notes', 'notes', '', ''], aliases)).toEqual({ caseRef: [0] });
  });

  it('keeps two different aliases of one column, for falling back', () => {
    expect(matchHeaders(['Team', 'x', 'Allocated Team'], aliases).team).toEqual([2, 0]);
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
