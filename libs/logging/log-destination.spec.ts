import { logFormat } from './log-destination.js';

describe('logFormat (LOG_FORMAT)', () => {
  it.each([
    [{}, 'pretty'],
    [{ NODE_ENV: 'production' }, 'json'],
    [{ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }, 'pretty'],
    [{ LOG_FORMAT: 'json' }, 'json'],
  ])('%j gives %s', (env, expected) => {
    expect(logFormat(env)).toBe(expected);
  });

  it('refuses an unknown format', () => {
    expect(() => logFormat({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });
});
