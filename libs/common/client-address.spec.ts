import { trustProxySetting } from './client-address.js';

describe('trustProxySetting (TRUST_PROXY)', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, 192.168.1.5', '10.0.0.0/8, 192.168.1.5'],
  ])('%s trusts %s', (value, expected) => {
    expect(trustProxySetting(value)).toEqual(expected);
  });

  it('refuses true, which would let any client choose its own address', () => {
    expect(() => trustProxySetting('true')).toThrow(/TRUST_PROXY/);
  });
});
