export { Clock, FixedClock, SystemClock, londonDate } from './clock.js';
export { ClockModule } from './clock.module.js';
