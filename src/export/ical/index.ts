/**
 * `plenary/ical`: calendar invitations for a timetable (SPEC §6) — the whole
 * meeting, one calendar per group, one invitation per person, cancellations
 * after a re-planning — and the change report.
 *
 * @example
 * import { renderCalendars } from 'plenary/ical';
 * for (const f of renderCalendars(meeting, timetable, { stamp: Date.now() })) writeFileSync(f.path, f.content);
 *
 * @packageDocumentation
 */
export { renderCalendars, calendarFiles, renderMeetingCalendar, renderGroupCalendar, renderPersonCalendar, fileStem, uniqueStems } from './files.js';
export type { CalendarFile } from './files.js';
export { renderCancelled, goneSessions } from './cancelled.js';
export { icalContext } from './context.js';
export { calendarStamp } from './stamp.js';
export type { IcalContext, IcalOptions, PlacedSession } from './context.js';
export { inviteeOf, organizerOf, roleAt, safeName, secretariatOf } from './attendees.js';
export type { Address, AttendeeRole } from './attendees.js';
export { sessionUid, wallTimeIsSafe, mainZones, MAIN_ZONES } from './event.js';
export type { EventView } from './event.js';
export { milestoneUid } from './milestones.js';
export { branchOf, branchStyle, categoriesOf, PALETTE, ROOT_COLOR } from './colors.js';
export type { BranchStyle } from './colors.js';
export { vtimezoneFor, generatedVtimezone } from './vtimezone.js';
export type { Vtimezone, VtimezoneSource } from './vtimezone.js';
export { normalizeIcs, foldLine, unfoldLines, lineProblems, MAX_LINE_OCTETS } from './fold.js';
export type { LineProblem } from './fold.js';
export { sessionSummary, sessionHeadline, shortTitle, formatRange, formatDay, groupChain } from './text.js';
export { timetableChanges, renderChangesText, renderChangesMarkdown, hasChanges } from '../changes.js';
export type { TimetableChanges, SessionChange, Span } from '../changes.js';
