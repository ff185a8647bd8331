import { FieldCache } from './field-cache.js';

/** A read function that records what it was asked to read. */
function recording<T>(read: (raw: string) => T): { read: (raw: string) => T; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    read: (raw) => {
      calls.push(raw);
      return read(raw);
    },
  };
}

describe('FieldCache', () => {
  it('reads each distinct raw value once and returns the same result for repeats', () => {
    const spy = recording((raw) => raw.trim().toUpperCase() || null);
    const cache = new FieldCache(spy.read);
    const results = ['cin', ' cp', 'cin', '', ' cp', '', 'cin'].map((raw) => cache.get(raw));
    expect(results).toEqual(['CIN', 'CP', 'CIN', null, 'CP', null, 'CIN']);
    expect(spy.calls).toEqual(['cin', ' cp', '']);
  });

  it('caches results that are null or objects too', () => {
    const spy = recording((raw) => (raw === 'bad' ? { error: 'bad' } : null));
    const cache = new FieldCache(spy.read);
    const first = cache.get('bad');
    expect(cache.get('bad')).toBe(first);
    expect(cache.get('x')).toBeNull();
    expect(cache.get('x')).toBeNull();
    expect(spy.calls).toEqual(['bad', 'x']);
  });
});
