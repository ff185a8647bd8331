import { decodeText } from './text-decode.js';

describe('decodeText', () => {
  it('reads UTF-8 bytes', () => {
    expect(decodeText(Buffer.from('Zoë,Beyoncé', 'utf8'))).toBe('Zoë,Beyoncé');
  });

  it('reads Windows-1252 bytes (Excel’s plain CSV) instead of mangling them', () => {
    expect(decodeText(Buffer.from([0x5a, 0x6f, 0xeb, 0x2c, 0x80]))).toBe('Zoë,€');
    expect(decodeText(Buffer.from([0x93, 0x4f, 0x92, 0x4e, 0x94, 0x20, 0x96, 0xa0]))).toBe('“O’N” –\u00a0');
  });

  it('reads UTF-16 with a byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('case_ref,Zoë', 'utf16le')]);
    expect(decodeText(bytes)).toBe('case_ref,Zoë');
  });

  it('passes text through', () => {
    expect(decodeText('a,b')).toBe('a,b');
  });
});
