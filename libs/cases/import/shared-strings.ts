/** Strings joined into one block at a time: few enough blocks, short enough joins. */
const BLOCK = 4096;

/**
 * A workbook's shared strings, the one part of an xlsx held whole while its sheets are read.
 * Kept as an array of strings, a part of 17-byte `<si><t>a</t></si>` entries would cost about
 * 40 bytes of heap each (a string and a slot); here each costs its characters and a 4-byte
 * offset, so the part's memory stays below its inflated size, which the limits bound.
 */
export class SharedStrings {
  private readonly blocks: string[] = [];
  private pending: string[] = [];
  private blockChars = 0;
  private ends = new Int32Array(BLOCK);
  private count = 0;

  get length(): number {
    return this.count;
  }

  add(text: string): void {
    if (this.count === this.ends.length) {
      const grown = new Int32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.blockChars += text.length;
    this.ends[this.count++] = this.blockChars;
    this.pending.push(text);
    if (this.count % BLOCK === 0) this.seal();
  }

  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const block = this.blocks[Math.floor(index / BLOCK)];
    // The last block is joined once it is full: until then its strings are still whole.
    if (block === undefined) return this.pending[index % BLOCK];
    const start = index % BLOCK === 0 ? 0 : this.ends[index - 1];
    return block.slice(start, this.ends[index]);
  }

  /** What exceljs's sheet reader indexes (`sharedStrings[i]`): the strings, looked up on demand. */
  asArray(): string[] {
    return new Proxy([] as string[], {
      get: (target, key) =>
        typeof key === 'string' && /^\d+$/.test(key) ? this.get(Number(key)) : Reflect.get(target, key),
    });
  }

  private seal(): void {
    this.blocks.push(this.pending.join(''));
    this.pending = [];
    this.blockChars = 0;
  }
}
