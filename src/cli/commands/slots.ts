import { findSlots, formatSlots } from '../../slots/index.js';
import { publishedTracks, readTimetable } from '../../timetable/read.js';
import { intOption, parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { readData, readMeeting, UsageError } from '../io.js';

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
    const group = values.group as string | undefined;
    if (group === undefined) throw new UsageError(`--group: required\nusage: ${usage}`);
    const minutes = intOption('minutes', values.minutes as string | undefined, 1);
    if (minutes === undefined) throw new UsageError(`--minutes: required\nusage: ${usage}`);
    const topGiven = intOption('top', values.top as string | undefined, 1);
    const top = topGiven ?? 10;
    const meeting = readMeeting(positionals[0]!);
    const ttPath = positionals[1]!;
    const doc = readData(ttPath);
    const starts = readTimetable(meeting, doc, ttPath);
    const tracks = publishedTracks(meeting, doc, starts);
    let result;
    try {
      result = findSlots(meeting, starts, { group, minutes, ...(tracks ? { tracks } : {}) });
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(`${e.message.startsWith('unknown group') ? '--group' : '--minutes'}: ${e.message}`);
      throw e;
    }
    // --json lists every slot unless --top is given
    const json = () => JSON.stringify(topGiven === undefined ? result : { ...result, slots: result.slots.slice(0, topGiven) }, null, 2);
    process.stdout.write(`${values.json ? json() : formatSlots(result, top)}\n`);
    return EXIT.ok;
  },
};
