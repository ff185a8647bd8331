import { DomainError, ErrorCode } from '../common/index.js';
import { fieldError, formErrorsFrom, mergeFormErrors } from './form-errors.js';

const map = { idFor: (f: string) => (f === 'reason' || f === 'from' ? f : undefined) };

function refused(...errors: { field: string; message: string }[]): DomainError {
  return new DomainError(ErrorCode.Validation, 'refused', { errors });
}

describe('a refused form says each problem once (issue 12)', () => {
  it('a field broken two ways is told once, the same words in the summary and beside it', () => {
    const errors = formErrorsFrom(
      refused(
        { field: 'reason', message: 'enter what is unsafe' },
        { field: 'reason', message: 'what is unsafe must be 5 characters or more' },
        { field: 'from', message: 'enter who gave the feedback' },
      ),
      map,
      'reason',
    );
    expect(errors.summary).toEqual([
      { text: 'Enter what is unsafe', href: '#reason' },
      { text: 'Enter who gave the feedback', href: '#from' },
    ]);
    expect(errors.fields).toEqual({
      reason: { text: 'Enter what is unsafe' },
      from: { text: 'Enter who gave the feedback' },
    });
  });

  it('a message repeated word for word is told once; different ones for fields the page has no box for are all kept', () => {
    const errors = formErrorsFrom(
      refused(
        { field: 'x', message: 'try again' },
        { field: 'x', message: 'try again' },
        { field: 'y', message: 'y is wrong' },
      ),
      map,
      'reason',
    );
    expect(errors.summary).toEqual([
      { text: 'Try again', href: '#reason' },
      { text: 'Y is wrong', href: '#reason' },
    ]);
  });

  it("merged, the page's own check wins over a later refusal of the same field", () => {
    const merged = mergeFormErrors(
      fieldError('reason', 'Enter why'),
      fieldError('reason', 'Too short'),
      null,
    );
    expect(merged).toEqual({
      summary: [{ text: 'Enter why', href: '#reason' }],
      fields: { reason: { text: 'Enter why' } },
    });
  });
});

describe('a form read before someone else saved', () => {
  it('says so once, in the words of the page, not the API’s "audit 47 was changed"', () => {
    const errors = formErrorsFrom(
      new DomainError(ErrorCode.StaleUpdate, 'audit 47 was changed by someone else since it was read'),
      map,
      'reason',
    );
    expect(errors.summary).toHaveLength(1);
    expect(errors.summary[0].text).toContain('Someone else saved this audit after you opened it');
    expect(errors.fields.reason.text).toBe(errors.summary[0].text);
  });
});
