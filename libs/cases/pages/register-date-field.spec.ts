import { partsOfDate, registerDateOf, registerDatePartsOf } from './register-date-field.js';

const TODAY = '2026-12-15';

describe('registerDateOf', () => {
  it.each([
    [{ day: '15', month: '12', year: '2026' }, '2026-12-15'],
    [{ day: '1', month: '2', year: '2026' }, '2026-02-01'],
    [{ day: '29', month: '02', year: '2024' }, '2024-02-29'],
    [{ day: '31', month: '12', year: '2025' }, '2025-12-31'],
  ])('takes %j as %s', (parts, asOf) => {
    expect(registerDateOf(parts, TODAY)).toEqual({ asOf });
  });

  it.each([
    [{ day: '', month: '', year: '' }, 'Enter the date the register describes'],
    [{ day: '1', month: '', year: '2026' }, 'The register date must include a month'],
    [{ day: '', month: '', year: '2026' }, 'The register date must include a day and a month'],
    [{ day: '29', month: '2', year: '2026' }, 'The register date must be a real date, like 1 12 2026'],
    [{ day: '32', month: '1', year: '2026' }, 'The register date must be a real date, like 1 12 2026'],
    [{ day: 'one', month: '1', year: '2026' }, 'The register date must be a real date, like 1 12 2026'],
    [{ day: '1', month: '1', year: '26' }, 'The register date must be a real date, like 1 12 2026'],
    [{ day: '1', month: '1', year: '1066' }, 'The register date must be a real date, like 1 12 2026'],
    [{ day: '16', month: '12', year: '2026' }, 'The register date must be today or in the past'],
    [{ day: '1', month: '1', year: '2027' }, 'The register date must be today or in the past'],
  ])('refuses %j: %s', (parts, error) => {
    expect(registerDateOf(parts, TODAY)).toEqual({ error });
  });

  it('fills the boxes with a date without leading zeros', () => {
    expect(partsOfDate('2026-02-05')).toEqual({ day: '5', month: '2', year: '2026' });
  });

  it('reads the posted boxes, and takes today when a form has none of them', () => {
    const posted = { 'asOf-day': ' 3 ', 'asOf-month': '11', 'asOf-year': '2026' };
    expect(registerDatePartsOf(posted, TODAY)).toEqual({ day: '3', month: '11', year: '2026' });
    expect(registerDatePartsOf({ 'asOf-day': '' }, TODAY)).toEqual({ day: '', month: '', year: '' });
    expect(registerDatePartsOf({ full: 'true' }, TODAY)).toEqual({ day: '15', month: '12', year: '2026' });
  });
});
