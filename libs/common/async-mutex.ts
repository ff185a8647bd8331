/** A first-come, first-served lock for work that must not interleave across awaits. */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }

  /**
   * As `run`, but gives up waiting after `ms`: then it throws `timedOut()` without running
   * `work`, and its place in the queue passes straight on when its turn comes.
   */
  async runWithin<T>(ms: number, work: () => Promise<T>, timedOut: () => Error): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    let timer: NodeJS.Timeout | undefined;
    const turn = await Promise.race([
      previous.then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
    ]);
    clearTimeout(timer);
    if (!turn) {
      void previous.then(release);
      throw timedOut();
    }
    try {
      return await work();
    } finally {
      release();
    }
  }
}
