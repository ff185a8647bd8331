import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/index.js';

/** What a refused import is told to wait, in seconds (the Retry-After header). */
export const IMPORT_RETRY_AFTER_SECONDS = 30;

/**
 * One register import at a time in this process: reading a register costs memory in proportion
 * to its rows, and two at once is how four uploads took the service down. A request that finds
 * the gate taken is refused at once (429 with Retry-After) before its upload is read; a
 * background run (the web page's preview and import) waits its turn instead.
 */
@Injectable()
export class ImportGate {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  /**
   * Takes the gate, waiting at most `ms` for it (a double click's second upload waits for the
   * first one's preview rather than being refused): the function that gives it back, or null.
   */
  async enterWithin(ms: number): Promise<(() => void) | null> {
    const now = this.tryEnter();
    if (now || ms <= 0) return now;
    const granted = await new Promise<boolean>((resolve) => {
      const turn = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(turn), 1);
        resolve(false);
      }, ms);
      this.waiting.push(turn);
    });
    return granted ? this.releaser() : null;
  }

  get busy(): boolean {
    return this.held;
  }

  /** Takes the gate if it is free: the function that gives it back, or null. */
  tryEnter(): (() => void) | null {
    if (this.held) return null;
    this.held = true;
    return this.releaser();
  }

  /** Gives the gate back once, however often it is called. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.handOver();
    };
  }

  /** Runs `work` when the gate is free, first come first served, and gives the gate back after. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.held = true;
    try {
      return await work();
    } finally {
      this.handOver();
    }
  }

  /** The refusal for a request that found the gate taken. */
  refusal(): DomainError {
    const message = 'Another register import is running: try again in a minute';
    return new DomainError(ErrorCode.TooManyRequests, message, {
      errors: [{ field: 'files', message }],
      retryAfterSeconds: IMPORT_RETRY_AFTER_SECONDS,
    });
  }

  /** The next waiting run gets the gate as it is given back; with none waiting it is free. */
  private handOver(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}
