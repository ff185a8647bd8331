import { RegisterFormatError } from './register-row.js';
import { MAX_XML_RUN_BYTES, readZipDirectory, XmlRunGuard } from './zip-entries.js';

const scan = (...chunks: string[]) => {
  const guard = new XmlRunGuard('xl/sharedStrings.xml');
  for (const chunk of chunks) guard.scan(Buffer.from(chunk));
};

describe('XmlRunGuard', () => {
  // The run is counted from after one '<' to the next: the tag's own 't>' is in it.
  const longest = 'x'.repeat(MAX_XML_RUN_BYTES - 2);

  it.each<[string, string[]]>([
    ['a declaration and tags', ['<?xml version="1.0"?><sst><si><t>a</t></si></sst>']],
    ['the longest text allowed', [`<t>${longest}</t>`]],
    ['the longest text split between chunks', [`<t>${longest.slice(0, 100)}`, `${longest.slice(100)}</t>`]],
  ])('lets through %s', (_case, chunks) => {
    expect(() => scan(...chunks)).not.toThrow();
  });

  it.each<[string, string[]]>([
    ['a text one byte longer', [`<t>${longest}x</t>`]],
    ['a longer text split between chunks', [`<t>${longest}`, 'x</t>']],
    ['a comment', ['<sst><!-- a --></sst>']],
    ['CDATA, its "<!" split from its "<"', ['<t><', '![CDATA[a]]></t>']],
    ['a DTD', ['<!DOCTYPE x [<!ENTITY a "aaaa">]><x/>']],
    ['a processing instruction after the declaration', ['<?xml version="1.0"?><sst><?x y?></sst>']],
  ])('refuses %s', (_case, chunks) => {
    expect(() => scan(...chunks)).toThrow(RegisterFormatError);
  });
});

describe('readZipDirectory', () => {
  it('refuses a file that is not a zip', () => {
    expect(() => readZipDirectory(Buffer.from('case_ref,cohort\n1,CIN\n'))).toThrow(/not a zip file/);
  });
});
