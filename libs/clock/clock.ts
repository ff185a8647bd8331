/**
 * The one source of time for the domain. Production uses the system clock; tests set the time
 * (`FixedClock`), so nothing in libs/ reads the wall clock directly.
 */
export abstract class Clock {
  abstract now(): Date;

  /** The current instant as an ISO 8601 UTC string, as timestamps are stored. */
  nowIso(): string {
    return this.now().toISOString();
  }

  /** Today's date (YYYY-MM-DD) in Europe/London, the councils' own calendar day. */
  today(): string {
    return londonDate(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that says what it is told: for tests and for replaying a day. */
export class FixedClock extends Clock {
  private current: Date;

  constructor(at: Date | string) {
    super();
    this.current = new Date(at);
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(at: Date | string): void {
    this.current = new Date(at);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

const londonFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day an instant falls on in Europe/London (en-CA formats as YYYY-MM-DD). */
export function londonDate(instant: Date): string {
  return londonFormat.format(instant);
}
