import { DomainError, ErrorCode } from '../../common/index.js';
import { formStatus, newCycleErrors, requestOf, valuesFromSettings, valuesOf } from './new-cycle-form.js';

const DEFAULTS = { month: '2026-12', tier3Count: 2 };

describe('the new-cycle form', () => {
  it('starts from the framework’s defaults', () => {
    const values = valuesOf({}, DEFAULTS);
    expect(values).toMatchObject({
      month: '2026-12',
      kind: 'monthly',
      ratePercent: '10',
      excludeMonths: '6',
      tier3Count: '2',
      moderationPercent: '10',
      auditToolId: '',
    });
    expect(requestOf(values)).toEqual({
      request: {
        month: '2026-12',
        kind: 'monthly',
        rate: 0.1,
        excludeMonths: 6,
        tier3Count: 2,
        moderationRate: 0.1,
      },
      errors: null,
    });
  });

  it('keeps a field the administrator cleared blank, and reads the scope boxes', () => {
    const values = valuesOf(
      { month: '', ratePercent: '', kind: 'themed', 'cohort-1': 'CP', 'team-2': 'North', 'locality-1': ' ' },
      DEFAULTS,
    );
    expect(values.month).toBe('');
    expect(values.ratePercent).toBe('');
    expect(values.filter).toEqual({ cohorts: ['CP'], teams: ['North'], localities: [] });
    expect(requestOf(values).request.filter).toEqual({ cohorts: ['CP'], teams: ['North'] });
  });

  it.each([
    [{ ratePercent: '12.5' }, { rate: 0.125 }],
    [{ moderationPercent: '0' }, { moderationRate: 0 }],
    [{ count: '40' }, { count: 40 }],
    [{ auditToolId: '7' }, { auditToolId: 7 }],
    [{ 'asOf-day': '1', 'asOf-month': '2', 'asOf-year': '2027' }, { asOf: '2027-02-01' }],
    [{ 'deadline-day': '28', 'deadline-month': '02', 'deadline-year': '2027' }, { deadline: '2027-02-28' }],
    [{ kind: 'themed' }, { kind: 'themed', filter: {} }],
  ])('turns %j into %j for the API', (form, expected) => {
    const { request, errors } = requestOf(valuesOf(form, DEFAULTS));
    expect(errors).toBeNull();
    expect(request).toMatchObject(expected);
  });

  it.each([
    [{ ratePercent: 'ten' }, 'ratePercent', 'The share of open cases must be a number, like 10'],
    [{ ratePercent: '0.05' }, 'ratePercent', 'The share of open cases must be from 0.1% to 100%'],
    [{ ratePercent: '101' }, 'ratePercent', 'The share of open cases must be from 0.1% to 100%'],
    [
      { moderationPercent: '-1' },
      'moderationPercent',
      'The share sent to moderation must be a number, like 10',
    ],
    [{ count: '4.5.1' }, 'count', 'The number of cases must be a number, like 10'],
    [{ auditToolId: 'standard' }, 'auditToolId', 'The audit tool must be a number, like 10'],
    [
      { 'asOf-day': '1', 'asOf-month': '', 'asOf-year': '2027' },
      'asOf-day',
      'The date cases must be open on must be a real date, like 1 12 2026',
    ],
    [
      { 'deadline-day': '1', 'deadline-month': '1', 'deadline-year': '27' },
      'deadline-day',
      'The deadline must be a real date, like 1 12 2026',
    ],
  ])('refuses %j at #%s: %s', (form, id, text) => {
    const { errors } = requestOf(valuesOf(form, DEFAULTS));
    expect(errors?.summary).toEqual([{ text, href: `#${id}` }]);
    expect(errors?.fields[id]).toEqual({ text });
  });

  it('shows a preview’s settings again as the form had them', () => {
    const values = valuesFromSettings({
      month: '2027-01',
      kind: 'themed',
      title: null,
      rate: 0.125,
      count: null,
      seed: 's1',
      excludeMonths: 6,
      tier3Count: 0,
      moderationRate: 0.1,
      asOf: '2027-01-05',
      deadline: '2027-01-31',
      filter: { cohorts: ['CP'] },
      auditToolId: 3,
    });
    expect(values).toMatchObject({
      ratePercent: '12.5',
      count: '',
      tier3Count: '0',
      auditToolId: '3',
      asOf: { day: '5', month: '1', year: '2027' },
      filter: { cohorts: ['CP'], teams: [], localities: [] },
    });
    expect(valuesFromSettings({ auditToolId: null }).auditToolId).toBe('');
  });

  it.each([
    [
      'excludeMonths',
      'excludeMonths must not be greater than 36',
      '#excludeMonths',
      'The months to skip must not be greater than 36',
    ],
    [
      'asOf',
      'must be a real date YYYY-MM-DD',
      '#asOf-day',
      'The date cases must be open on must be a real date YYYY-MM-DD',
    ],
    [
      'auditToolId',
      'audit tool 9 is not a published tool',
      '#auditToolId',
      'Audit tool 9 is not a published tool',
    ],
    ['rate', 'rate must not be greater than 1', '#ratePercent', 'Rate must not be greater than 1'],
    ['unknown', 'something else', '#month', 'Something else'],
  ])('words the API’s refusal of %s (%s) for the form', (field, message, href, text) => {
    const errors = newCycleErrors(
      new DomainError(ErrorCode.Validation, message, { errors: [{ field, message }] }),
    );
    expect(errors.summary).toEqual([{ text, href }]);
  });

  it.each([
    [ErrorCode.Validation, 422],
    [ErrorCode.Conflict, 409],
    [ErrorCode.StaleUpdate, 409],
  ])('answers a %s refusal with %i', (code, status) => {
    expect(formStatus(new DomainError(code, 'no'))).toBe(status);
  });
});
