import { findSlots, formatSlots, slotOptionProblems } from '../../slots/index.js';
import { publishedTracks, readTimetable } from '../../timetable/read.js';
import { intOption, parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { Problems, readData, readMeeting } from '../io.js';

const usage = 'plenary slots SPEC TIMETABLE --group G --minutes M [--top N] [--json]';

/** `plenary slots`: where a rapporteur could add one more session of a group. */
export const slots: Command = {
  name: 'slots',
  usage,
  summary: 'ranks the places where one more session of group G could go around a timetable: comfort cost, conflicts, free tracks, local times',
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      { group: { type: 'string' }, minutes: { type: 'string' }, top: { type: 'string' }, json: { type: 'boolean' } },
      ['SPEC', 'TIMETABLE'],
      usage,
    );
    // every problem at once: the options, then what the spec says of the group and minutes, and the timetable
    const problems = new Problems();
    const group = values.group as string | undefined;
    if (group === undefined) problems.add('--group: required');
    const minutes = problems.take(() => intOption('minutes', values.minutes as string | undefined, 1));
    if (values.minutes === undefined) problems.add('--minutes: required');
    const topGiven = problems.take(() => intOption('top', values.top as string | undefined, 1));
    const top = topGiven ?? 10;
    const meeting = problems.take(() => readMeeting(positionals[0]!));
    if (meeting && minutes !== undefined) {
      for (const p of slotOptionProblems(meeting, { group, minutes })) problems.add(`--${p.option}: ${p.message}`);
    }
    const ttPath = positionals[1]!;
    const doc = problems.take(() => readData(ttPath));
    const starts = meeting && doc !== undefined ? problems.take(() => readTimetable(meeting, doc, ttPath)) : undefined;
    problems.check(group === undefined || values.minutes === undefined ? usage : undefined);
    const tracks = publishedTracks(meeting!, doc, starts!);
    const result = findSlots(meeting!, starts!, { group: group!, minutes: minutes!, ...(tracks ? { tracks } : {}) });
    // --json lists every slot unless --top is given
    const json = () => JSON.stringify(topGiven === undefined ? result : { ...result, slots: result.slots.slice(0, topGiven) }, null, 2);
    process.stdout.write(`${values.json ? json() : formatSlots(result, top)}\n`);
    return EXIT.ok;
  },
};
