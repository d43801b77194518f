import { join } from 'node:path';
import { renderChangesMarkdown, renderChangesText, timetableChanges } from '../../export/changes.js';
import { calendarFiles } from '../../export/ical/files.js';
import { readPrevious, readTimetable } from '../../timetable/read.js';
import { rebuildTimetable } from '../../timetable/document.js';
import { parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { prepareOutput, Problems, readData, readMeeting, removeStaleCalendars, writeOutput } from '../io.js';
import { calendarStamp } from '../stamp.js';

const usage = 'plenary ics SPEC TIMETABLE [--out DIR] [--previous TIMETABLE]';

/**
 * `plenary ics`: the calendars of a timetable, without solving. With
 * `--previous` (the timetable already published), sessions that moved get
 * SEQUENCE+1, sessions that are gone go to `ics/cancelled.ics`, and the
 * change report goes to stdout and `DIR/changes.md`. Without it, the SEQUENCE
 * numbers written in TIMETABLE are kept.
 */
export const ics: Command = {
  name: 'ics',
  usage,
  summary: 'writes the calendars of a timetable (calendar.ics, ics/groups, ics/people; ics/cancelled.ics and changes.md with --previous)',
  async run(argv) {
    const { values, positionals } = parse(argv, { out: { type: 'string' }, previous: { type: 'string' } }, ['SPEC', 'TIMETABLE'], usage);
    const stamp = calendarStamp();
    const meeting = readMeeting(positionals[0]!);
    // the timetable's problems and the previous one's, all at once
    const problems = new Problems();
    const ttPath = positionals[1]!;
    const ttData = problems.take(() => readData(ttPath));
    const starts = ttData === undefined ? undefined : problems.take(() => readTimetable(meeting, ttData, ttPath));
    const prevPath = values.previous as string | undefined;
    const previous = prevPath ? problems.take(() => readPrevious(readData(prevPath), prevPath, meeting.id)) : undefined;
    // Without --previous the timetable's own SEQUENCE numbers stand: it is its own "previous".
    const own = previous || starts === undefined ? undefined : problems.take(() => readPrevious(ttData, ttPath, meeting.id));
    problems.check();
    const timetable = rebuildTimetable(meeting, starts!, previous, own);
    const out = (values.out as string | undefined) ?? 'out';
    prepareOutput(out);
    const changes = previous ? timetableChanges(meeting, timetable, previous) : undefined;
    // rendered one at a time (thousands of people: never all calendars in memory at once), all or none
    function* files() {
      yield* calendarFiles(meeting, timetable, { stamp, ...(previous ? { previous } : {}) });
      if (changes) yield { path: 'changes.md', content: renderChangesMarkdown(changes, meeting.title) };
    }
    const written = writeOutput(out, files());
    const people = written.filter((f) => f.startsWith('ics/people/')).length;
    const groups = written.filter((f) => f.startsWith('ics/groups/')).length;
    const cancelled = written.includes('ics/cancelled.ics');
    const stale = removeStaleCalendars(out, new Set(written));
    if (changes) process.stdout.write(renderChangesText(changes));
    process.stderr.write(
      `plenary ics: wrote ${join(out, 'calendar.ics')}, ${groups} group and ${people} person calendars${cancelled ? ', ics/cancelled.ics' : ''}${previous ? ', changes.md' : ''}${stale ? `; removed ${stale} calendar${stale === 1 ? '' : 's'} of an earlier run that this timetable no longer has` : ''}\n`,
    );
    const missing = meeting.sessions.length - timetable.sessions.length;
    if (missing > 0) {
      const some = meeting.sessions.filter((s) => starts![s.index] === undefined).slice(0, 3).map((s) => s.id);
      process.stderr.write(
        `plenary ics: warning: ${missing} of the spec's ${meeting.sessions.length} sessions are not in the timetable (${some.join(', ')}${missing > some.length ? ', …' : ''}): the calendars have no events for them; \`plenary check\` lists them\n`,
      );
    }
    if (timetable.status !== 'feasible') process.stderr.write(`plenary ics: warning: the timetable is infeasible (${timetable.score.hard} hard violations); its events are marked TENTATIVE\n`);
    return EXIT.ok;
  },
};
