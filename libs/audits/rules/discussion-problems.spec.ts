import type { Agreement, Discussion } from '../audit-draft.js';
import { discussionProblems } from './discussion-problems.js';

const held = (overrides: Partial<Discussion> = {}): Discussion => ({
  happened: true,
  heldOn: '2026-11-20',
  summary: 'Went through the findings on the plan and the chronology.',
  workerReflection: 'Will update the chronology this week.',
  agreement: 'agrees',
  ...overrides,
});
const notHeld = (notHeldReason?: string): Discussion => ({ happened: false, notHeldReason });
const fieldsOf = (discussion: Discussion) => discussionProblems(discussion).map((p) => p.field);

describe('discussionProblems', () => {
  it('accepts a discussion that was held and agreed', () => {
    expect(discussionProblems(held())).toEqual([]);
  });

  it('names the rule discussion-recorded and a discussion.* field, with a message', () => {
    const problems = discussionProblems({ happened: true });
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.rule).toBe('discussion-recorded');
      expect(p.field).toMatch(/^discussion\./);
      expect(p.message.trim()).not.toBe('');
    }
  });

  it.each<[string, Partial<Discussion>, string[]]>([
    [
      'nothing but happened',
      { heldOn: undefined, summary: undefined, agreement: undefined },
      ['discussion.heldOn', 'discussion.summary', 'discussion.agreement'],
    ],
    ['no date', { heldOn: undefined }, ['discussion.heldOn']],
    ['an empty date', { heldOn: '' }, ['discussion.heldOn']],
    ['a date as 20/11/2026', { heldOn: '20/11/2026' }, ['discussion.heldOn']],
    ['a date with a time', { heldOn: '2026-11-20T10:00:00Z' }, ['discussion.heldOn']],
    ['no summary', { summary: undefined }, ['discussion.summary']],
    ['a blank summary', { summary: ' \n\t ' }, ['discussion.summary']],
    ['no agreement', { agreement: undefined }, ['discussion.agreement']],
    ['no reflection (optional)', { workerReflection: undefined }, []],
    ['a reason for not holding it, though it was held', { notHeldReason: 'n/a' }, []],
  ])('a held discussion with %s → %j', (_label, overrides, fields) => {
    expect(fieldsOf(held(overrides))).toEqual(fields);
  });

  it.each<[Agreement, string | undefined, string[]]>([
    ['agrees', undefined, []],
    ['agrees', '', []],
    ['partly', undefined, ['discussion.disagreement']],
    ['partly', '   ', ['discussion.disagreement']],
    ['partly', 'Thinks the plan grade is harsh.', []],
    ['disagrees', undefined, ['discussion.disagreement']],
    ['disagrees', '\t', ['discussion.disagreement']],
    ['disagrees', 'Disputes the overall grade.', []],
  ])('a worker who %s, disagreement %j → %j', (agreement, disagreement, fields) => {
    expect(fieldsOf(held({ agreement, disagreement }))).toEqual(fields);
  });

  it.each<[string | undefined, string[]]>([
    [undefined, ['discussion.notHeldReason']],
    ['', ['discussion.notHeldReason']],
    ['    ', ['discussion.notHeldReason']],
    ['\u00a0\n', ['discussion.notHeldReason']],
    ['Social worker on long-term sick leave.', []],
  ])('a discussion that could not happen, reason %j → %j', (reason, fields) => {
    expect(fieldsOf(notHeld(reason))).toEqual(fields);
  });

  it('asks nothing else of a discussion that could not happen', () => {
    expect(discussionProblems({ happened: false, notHeldReason: 'Worker left the authority.' })).toEqual([]);
  });

  describe('within the audit window (from its start to today)', () => {
    const window = { startedOn: '2026-11-10', today: '2026-11-25' };
    it.each([
      ['2026-11-10', []],
      ['2026-11-25', []],
      ['2026-11-26', ['discussion.heldOn']],
      ['2099-01-01', ['discussion.heldOn']],
      ['2026-11-09', ['discussion.heldOn']],
      ['2026-02-30', ['discussion.heldOn']],
    ])('held on %s', (heldOn, expected) => {
      expect(discussionProblems(held({ heldOn }), window).map((p) => p.field)).toEqual(expected);
    });

    it('is not checked by the machine, which reads no clock', () => {
      expect(fieldsOf(held({ heldOn: '2099-01-01' }))).toEqual([]);
    });

    it('counts invisible characters as a blank summary', () => {
      expect(fieldsOf(held({ summary: '\u200b \u00a0' }))).toEqual(['discussion.summary']);
    });
  });
});
