import { Role } from '../org/index.js';
import { auditStateName, cohortName, cohortNames, cycleStateName, roleName } from './view-filters.js';

describe('codes in words (issue 12: the words a manager uses)', () => {
  it.each([
    ['CL', 'Care leavers'],
    ['CLA', 'Children looked after'],
    ['CP', 'Child protection'],
    ['CIN', 'Child in need'],
  ])('cohort %s reads "%s"', (code, words) => {
    expect(cohortName(code)).toBe(words);
  });

  it("a cohort an administrator added reads as the page's titles say, or as its code", () => {
    expect(cohortName.call({ ctx: { cohortTitles: { EH: 'Early help' } } }, 'EH')).toBe('Early help');
    expect(cohortName('EH')).toBe('EH');
    expect(cohortNames(['CL', 'CP'])).toBe('Care leavers, Child protection');
    expect(cohortNames(null)).toBe('All cohorts');
  });

  it('every role has its words, and the IRO is never "Iro"', () => {
    for (const role of Object.values(Role)) expect(roleName(role)).not.toMatch(/_|^Iro$/);
    expect(roleName(Role.Iro)).toBe('Independent reviewing officer');
    expect(roleName(Role.HeadOfService)).toBe('Head of service');
  });

  it('an audit allocated but not begun is "Not started" everywhere; a cycle allocated is "Open"', () => {
    expect(auditStateName('allocated')).toBe('Not started');
    expect(auditStateName('inModeration')).toBe('In moderation');
    expect(cycleStateName('allocated')).toBe('Open');
  });
});
