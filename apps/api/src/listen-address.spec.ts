import { listenAddress } from './listen-address.js';

describe('listenAddress', () => {
  it('listens on loopback unless HOST says otherwise', () => {
    expect(listenAddress({})).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(listenAddress({ HOST: '0.0.0.0', PORT: '8080' })).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(listenAddress({ HOST: '  ' })).toEqual({ host: '127.0.0.1', port: 3000 });
  });

  it('refuses a port that is not one', () => {
    expect(() => listenAddress({ PORT: 'http' })).toThrow(/PORT/);
  });
});
