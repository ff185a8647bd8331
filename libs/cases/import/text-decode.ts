import { isUtf8 } from 'node:buffer';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le');
/**
 * Windows-1252's characters for bytes 0x80 to 0x9f (the rest matches Latin-1). Node 20's
 * TextDecoder('windows-1252') decodes these as Latin-1 control characters, so we map them.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Bytes to text: UTF-8, or UTF-16 when it starts with its byte-order mark. Excel's plain "CSV"
 * save writes Windows-1252, not UTF-8, so bytes that are not valid UTF-8 are read as Windows-1252
 * rather than turned into replacement characters.
 */
export function decodeText(content: string | Uint8Array): string {
  if (typeof content === 'string') return content;
  // Excel's "Unicode text" and some database exports write UTF-16 with a byte-order mark.
  if (content[0] === 0xff && content[1] === 0xfe) return utf16le.decode(content);
  try {
    return utf8.decode(content);
  } catch {
    return windows1252(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
  }
}

/** Bytes decoded at a time: the text of a large file is never held whole. */
export const DECODE_CHUNK_BYTES = 1024 * 1024;

/**
 * {@link decodeText} a chunk at a time, with the same choice of encoding: whether the whole file
 * is valid UTF-8 is checked in native code first, without decoding it.
 */
export function* decodeTextChunks(
  content: string | Uint8Array,
  chunkBytes = DECODE_CHUNK_BYTES,
): Generator<string> {
  if (typeof content === 'string') {
    yield content;
    return;
  }
  const utf16 = content[0] === 0xff && content[1] === 0xfe;
  const decoder = utf16 ? new TextDecoder('utf-16le') : isUtf8(content) ? new TextDecoder('utf-8') : null;
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    const chunk = bytes.subarray(at, at + chunkBytes);
    const last = at + chunkBytes >= bytes.length;
    // Windows-1252 is one byte a character: its chunks split nowhere that matters.
    yield decoder ? decoder.decode(chunk, { stream: !last }) : windows1252(chunk);
  }
}

function windows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}
