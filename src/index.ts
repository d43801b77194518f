/**
 * plenary: timetables for virtual meetings whose participants live in many
 * time zones, and calendar invitations that every client reads the same.
 *
 * @packageDocumentation
 */
export { SpecError, formatIssue, formatPath } from './spec/errors.js';
export type { IssueCode, IssuePath, SpecIssue } from './spec/errors.js';
export { expandSpec, loadMeeting, parseText, SPEC_FORMATS } from './spec/read.js';
export { meetingSchema, DEFAULT_RRULE, DEFAULT_WEIGHTS } from './spec/meeting-schema.js';
export type { MeetingSpec, MeetingSpecInput, Rule, SequenceRule, ApartRule, AvoidRule } from './spec/meeting-schema.js';
export { ituStudyGroupSchema, ITU_DEFAULTS, ITU_MILESTONES } from './spec/presets/itu-study-group.js';
export type { ItuStudyGroupInput } from './spec/presets/itu-study-group.js';

export type {
  Meeting,
  Day,
  Block,
  BlockInstance,
  Group,
  Person,
  Session,
  Candidate,
  Sequence,
  Apart,
  Avoid,
  Milestone,
  Weights,
} from './model/types.js';
export { Comfort, DEFAULT_COMFORT } from './model/comfort.js';
export { formatInstant, parseInstant, localTime, wallToInstant, isValidZone } from './model/time.js';

export { CONSTRAINTS, evaluate } from './timetable/constraints.js';
export type { ConstraintInfo, EvaluateOptions } from './timetable/constraints.js';
export { check } from './timetable/check.js';
export type { CheckOptions } from './timetable/check.js';
export { buildTimetable, timetableToJson, assignTracks, isBuiltTimetable } from './timetable/timetable.js';
export { readTimetable, readPrevious, publishedTracks } from './timetable/read.js';
export { timetableFromDocument } from './timetable/document.js';
export type { DocumentOptions } from './timetable/document.js';
export type { Previous, BuildOptions } from './timetable/timetable.js';
export type {
  Timetable,
  TimetableSession,
  CancelledSession,
  Score,
  Violation,
  Status,
  CheckResult,
  SolverInfo,
  Starts,
  ConstraintId,
  HardConstraintId,
  SoftConstraintId,
} from './timetable/types.js';

// The solver: one seeded search, or a portfolio of seeds in worker threads.
// `compile` gives the numeric problem that `defaultBudget`, `diagnose` and `countingBounds` take.
export { solve, solveParallel, WORKERS_MAX, defaultBudget, diagnose, countingBounds, compile } from './solver/index.js';
export type { SolveOptions, SolveProgress, SolveResult, PortfolioResult, Budget, DiagnoseOptions, Problem, CompileOptions } from './solver/index.js';

// What planners and rapporteurs look at: slots, the time plan, the report (the spread is also at `plenary/tz`).
export { findSlots, formatSlots, slotOptionProblems } from './slots/index.js';
export type { Slot, SlotConflict, SlotOptions, SlotSearch, SlotZone } from './slots/index.js';
export {
  renderTimeplan,
  renderTimeplanMarkdown,
  renderTimeplanText,
  renderTimeplanHtml,
  timeplanModel,
  resolveLocale,
  TIMEPLAN_LOCALES,
} from './export/timeplan.js';
export type { TimeplanFormat, TimeplanOptions, TimeplanLocale, PlanModel, PlanRow, PlanCell, PlanItem, PlanColumn, PlanSession } from './export/timeplan.js';
export { renderReport } from './export/report.js';
export type { ReportOptions } from './export/report.js';
// Every file `plenary solve` writes, as data: timetable.json, timeplan.md, report.html, the calendars (changes.md when re-planning).
export { renderOutputs } from './export/outputs.js';
export { calendarStamp } from './export/ical/stamp.js';
export type { OutputFile, OutputOptions } from './export/outputs.js';
export { spreadOf, suggestCore, formatSpread, formatSuggestion } from './tz/index.js';
export type { Spread, SpreadOptions, Suggestion, SuggestOptions, CorePosition, ComfortClass } from './tz/index.js';
