/**
 * `plenary/tz`: the time-zone spread of a meeting's blocks (each zone's local
 * times, comfort classes, head counts) and better positions for its core
 * blocks.
 *
 * @example
 * import { loadMeeting } from 'plenary';
 * import { spreadOf, suggestCore, formatSpread } from 'plenary/tz';
 * const meeting = loadMeeting(spec);
 * console.log(formatSpread(spreadOf(meeting, { date: '2021-05-05' })));
 * suggestCore(meeting).byTotal[0]; // the core hours that hurt the fewest delegate-minutes
 *
 * @packageDocumentation
 */
export { COMFORT_CLASSES, NIGHT_PENALTY, classOfHour, classOfPenalty } from './classes.js';
export type { ComfortClass, ByClass } from './classes.js';
export { audienceOf } from './audience.js';
export type { Audience, ZoneHeads } from './audience.js';
export { clockAt, formatClock, forEachLocalHour, placeWindow } from './local.js';
export type { LocalClock, PlacedWindow } from './local.js';
export { spreadOf, periodsOf } from './spread.js';
export type { Spread, SpreadOptions, DaySpread, BlockSpread, ZoneInBlock, ClassTally, WorstOff, SpreadPeriod } from './spread.js';
export { suggestCore } from './suggest.js';
export type { Suggestion, SuggestOptions, CorePosition } from './suggest.js';
export { formatSpread, formatSuggestion, classLegend } from './text.js';
