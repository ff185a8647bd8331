import { isBusyError } from './busy-error.js';

describe('isBusyError', () => {
  it.each([
    ['SQLite busy', { code: 'SQLITE_BUSY' }, true],
    ['SQLite busy snapshot', { code: 'SQLITE_BUSY_SNAPSHOT' }, true],
    ['SQLite locked, wrapped by TypeORM', { driverError: { code: 'SQLITE_LOCKED' } }, true],
    ['PostgreSQL serialization failure', { driverError: { code: '40001' } }, true],
    ['PostgreSQL deadlock', { driverError: { code: '40P01' } }, true],
    ['PostgreSQL lock time-out', { driverError: { code: '55P03' } }, true],
    ['PostgreSQL unique violation', { driverError: { code: '23505' } }, false],
    ['SQLite constraint', { code: 'SQLITE_CONSTRAINT_UNIQUE' }, false],
    ['a plain error', new Error('boom'), false],
    ['nothing', undefined, false],
  ])('%s: %s', (_name, error, expected) => {
    expect(isBusyError(error)).toBe(expected);
  });
});
