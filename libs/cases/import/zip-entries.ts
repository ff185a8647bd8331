import { StringDecoder } from 'node:string_decoder';
import { PassThrough, pipeline, Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { EntryCounter } from './limit-counters.js';
import { RegisterFormatError } from './register-row.js';

/** One part of a zip file, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated: the only two an xlsx uses. */
  method: number;
  compressedSize: number;
  /** The inflated size the file declares; {@link EntryCounter} holds the entry to it. */
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const MAX_ENTRIES = 10_000;

const notAZip = (why: string) =>
  new RegisterFormatError(`The file is not an Excel workbook (.xlsx) that can be read: ${why}`);

/**
 * Reads the zip's central directory, the list of its parts with their sizes, without inflating
 * anything. Encrypted parts, methods other than stored and deflated, and split archives are
 * refused: no spreadsheet program writes them for a workbook.
 */
export function readZipDirectory(zip: Buffer): ZipEntry[] {
  const end = findEndOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (zip.readUInt16LE(end + 4) !== 0 || count === 0xffff || at === 0xffffffff) {
    throw notAZip('it is split, or too large for its directory to be read');
  }
  if (count > MAX_ENTRIES) throw notAZip(`it has ${count} parts`);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw notAZip('its directory is damaged');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const sizes = {
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    };
    readZip64(zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), sizes);
    if (flags & 1) throw notAZip(`its part ${name} is encrypted`);
    if (method !== 0 && method !== 8) throw notAZip(`its part ${name} is compressed in an unknown way`);
    entries.push({ name, method, ...sizes });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The entry's inflated bytes as text, a chunk at a time: each chunk is counted (and the
 * inflater stopped past a limit) before the XML parser sees it. Decoding here, with a decoder
 * that carries a character split between chunks, keeps non-ASCII names whole.
 */
export function inflateEntry(zip: Buffer, entry: ZipEntry, counter: EntryCounter): Readable {
  const start = dataStart(zip, entry);
  const compressed = zip.subarray(start, start + entry.compressedSize);
  if (compressed.length !== entry.compressedSize) throw notAZip(`its part ${entry.name} is cut short`);
  const guard = new XmlRunGuard(entry.name);
  const decoder = new StringDecoder('utf8');
  const counting = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      try {
        counter.add(chunk.length);
        guard.scan(chunk);
        done(null, decoder.write(chunk));
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        counter.end();
        done(null, decoder.end());
      } catch (error) {
        done(error as Error);
      }
    },
  });
  const inflater = entry.method === 8 ? createInflateRaw({ chunkSize: 64 * 1024 }) : new PassThrough();
  pipeline(Readable.from([compressed]), inflater, counting, () => undefined);
  return counting;
}

/** Longest XML text (a cell's value, a shared string) allowed between two tags, in bytes. */
export const MAX_XML_RUN_BYTES = 6 * 32_767 + 4096;

/**
 * The XML parser holds a text node whole until its closing tag: a 1 GB cell would be 1 GB in
 * memory before any cell limit could look at it. So no more than {@link MAX_XML_RUN_BYTES} may
 * pass without a `<`. Comments, CDATA and DTDs (`<!`) and processing instructions after the
 * declaration (`<?`) may hide a `<` and are held whole too; no spreadsheet writes them.
 */
export class XmlRunGuard {
  private run = 0;
  private seen = 0;
  private afterLt = false;

  constructor(private readonly name: string) {}

  scan(chunk: Uint8Array): void {
    if (this.afterLt && chunk.length > 0) this.checkMarkup(chunk[0], this.seen);
    let from = 0;
    for (let lt = chunk.indexOf(0x3c); lt !== -1; lt = chunk.indexOf(0x3c, from)) {
      this.check(this.run + lt - from);
      this.run = 0;
      from = lt + 1;
      this.afterLt = from === chunk.length;
      if (!this.afterLt) this.checkMarkup(chunk[from], this.seen + from);
    }
    this.run += chunk.length - from;
    this.seen += chunk.length;
    this.check(this.run);
  }

  private check(run: number): void {
    if (run > MAX_XML_RUN_BYTES) {
      throw new RegisterFormatError(
        `The workbook's part ${this.name} has a text of more than ${MAX_XML_RUN_BYTES.toLocaleString('en-GB')} bytes`,
      );
    }
  }

  private checkMarkup(next: number, offset: number): void {
    this.afterLt = false;
    // '<!' (comment, CDATA, DTD); '<?' past the XML declaration at the start.
    if (next === 0x21 || (next === 0x3f && offset > 8)) {
      throw new RegisterFormatError(
        `The workbook's part ${this.name} holds a comment, CDATA, DTD or processing instruction`,
      );
    }
  }
}

function findEndOfDirectory(zip: Buffer): number {
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= earliest; at--) {
    if (zip.readUInt32LE(at) === EOCD) return at;
  }
  throw notAZip('it is not a zip file');
}

/** Sizes of 0xffffffff mean the real ones are in the zip64 extra field, in this order. */
function readZip64(extra: Buffer, sizes: Omit<ZipEntry, 'name' | 'method'>): void {
  const fields = (['size', 'compressedSize', 'localOffset'] as const).filter((f) => sizes[f] === 0xffffffff);
  if (fields.length === 0) return;
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA && length >= fields.length * 8) {
      fields.forEach((field, i) => (sizes[field] = Number(extra.readBigUInt64LE(at + 4 + i * 8))));
      return;
    }
    at += 4 + length;
  }
  throw notAZip('a part has no readable size');
}

function dataStart(zip: Buffer, entry: ZipEntry): number {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) {
    throw notAZip(`its part ${entry.name} is missing`);
  }
  return at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
}
