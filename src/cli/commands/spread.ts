import { parseDate } from '../../model/time.js';
import { formatSpread, formatSuggestion, spreadOf, suggestCore } from '../../tz/index.js';
import { parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { readMeeting, UsageError } from '../io.js';

const usage = 'plenary spread SPEC [--date D] [--group G] [--suggest] [--json]';

/** `plenary spread`: each zone's local times of every block, classed; `--suggest` ranks better core-block positions. */
export const spread: Command = {
  name: 'spread',
  usage,
  summary: "each zone's local times of every block, classed, with delegate counts; --suggest ranks better core-block positions",
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      { date: { type: 'string' }, group: { type: 'string' }, suggest: { type: 'boolean' }, json: { type: 'boolean' } },
      ['SPEC'],
      usage,
    );
    const meeting = readMeeting(positionals[0]!);
    const date = values.date as string | undefined;
    if (date !== undefined && !parseDate(date)) throw new UsageError(`--date: expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
    const group = values.group as string | undefined;
    if (group !== undefined && !meeting.groupIndex.has(group)) {
      throw new UsageError(`--group: unknown group ${JSON.stringify(group)}: expected one of ${meeting.groups.map((g) => g.id).join(', ')}`);
    }
    const options = { ...(date !== undefined ? { date } : {}), ...(group !== undefined ? { group } : {}) };
    let text: string;
    try {
      if (values.suggest) {
        const s = suggestCore(meeting, options);
        text = values.json ? JSON.stringify(s, null, 2) : formatSuggestion(s);
      } else {
        const s = spreadOf(meeting, options);
        text = values.json ? JSON.stringify(s, null, 2) : formatSpread(s);
      }
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
    process.stdout.write(`${text}\n`);
    return EXIT.ok;
  },
};
