import { addDays } from './notice-dates.js';

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The London wall-clock day and minute of an instant. */
function londonWall(instant: Date): { day: string; minutes: number } {
  const p = Object.fromEntries(londonParts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/**
 * The instant a London wall-clock time `HH:MM` falls on `day`. London is UTC or UTC+1, so the
 * answer is the UTC reading or an hour before it: the one whose London reading is the time asked.
 * (A time inside the spring-forward gap, 01:00–01:59 on the last Sunday of March, does not exist:
 * it gives the instant an hour later by the clocks.)
 */
export function londonInstant(day: string, time: string): Date {
  const asUtc = new Date(`${day}T${time}:00.000Z`);
  const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const summer = new Date(asUtc.getTime() - 60 * 60_000);
  const reading = londonWall(summer);
  return reading.day === day && reading.minutes === minutes ? summer : asUtc;
}

/** The next instant strictly after `now` when London's clocks read `time` (HH:MM). */
export function nextRunAt(now: Date, time: string): Date {
  const today = londonWall(now).day;
  const todays = londonInstant(today, time);
  return todays.getTime() > now.getTime() ? todays : londonInstant(addDays(today, 1), time);
}
