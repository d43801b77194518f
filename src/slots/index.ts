/**
 * Rapporteur slots: where one more session of a group could go around a
 * published timetable.
 *
 * @example
 * import { findSlots, formatSlots } from 'plenary';
 * console.log(formatSlots(findSlots(meeting, starts, { group: 'Q5/12', minutes: 90 })));
 */
export { findSlots, slotOptionProblems } from './slots.js';
export type { Slot, SlotConflict, SlotOptions, SlotSearch, SlotZone } from './slots.js';
export { formatSlots } from './text.js';
