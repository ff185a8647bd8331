import { londonDate } from '../../libs/clock/index.js';

/**
 * "Now" in every test app unless a test brings its own clock: a test never depends on the day it
 * runs. The journeys start their audits at this instant, so TEST_TODAY lies inside their window.
 */
export const TEST_NOW = '2026-12-15T10:00:00.000Z';
export const TEST_TODAY = londonDate(new Date(TEST_NOW));
