import { constants, deflateRawSync } from 'node:zlib';

/**
 * Builds an xlsx zip bomb the way an attacker would, in a few milliseconds and a few MB: a
 * workbook with one sheet, "List 6", whose XML inflates to `inflatedMb` MB of rows from a
 * compressed size about five hundred times smaller (1.5 GB from 3 MB). The repeated megabyte of rows is deflated
 * once, ending on a full flush (no back-references across it), and that block is written
 * `inflatedMb` times; the zip's entry declares `declare(actual)` bytes. CRCs are left at zero:
 * the point is what the reader does before it could check one.
 */
export function xlsxZipBomb(options: {
  inflatedMb: number;
  /** The sheet's declared inflated size, given its actual one: honest, or a lie. */
  declare?: (actual: number) => number;
}): Buffer {
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Child Unique ID</t></is></c>' +
      '<c r="B1" t="inlineStr"><is><t>CIN Closure Date</t></is></c></row>',
  );
  // Rows with no cells: the reader's row count, not its memory for cases, is what they cost.
  const row = '<row r="2"/>';
  const block = Buffer.from(row.repeat(Math.floor((1024 * 1024) / row.length)));
  const tail = Buffer.from('</sheetData></worksheet>');
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const blockDeflated = deflateRawSync(block, flush);
  const sheetDeflated = Buffer.concat([
    deflateRawSync(head, flush),
    ...Array.from({ length: options.inflatedMb }, () => blockDeflated),
    deflateRawSync(tail),
  ]);
  const actual = head.length + block.length * options.inflatedMb + tail.length;
  const declared = (options.declare ?? ((n) => n))(actual);
  return zip([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['xl/workbook.xml', WORKBOOK],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
    { name: 'xl/worksheets/sheet1.xml', deflated: sheetDeflated, size: declared },
  ]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '</Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheets><sheet name="List 6" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '</Relationships>';

type Part = [name: string, text: string] | { name: string; deflated: Buffer; size: number };

/** A zip of deflated parts: local headers, then the central directory and its end record. */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { name, deflated, size } = Array.isArray(part)
      ? { name: part[0], deflated: deflateRawSync(part[1]), size: Buffer.byteLength(part[1]) }
      : part;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(deflated.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, deflated);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
