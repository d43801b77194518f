import { dateProblem } from '../../tz/spread.js';
import { formatSpread, formatSuggestion, spreadOf, suggestCore } from '../../tz/index.js';
import { parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { Problems, readMeeting, UsageError } from '../io.js';

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
    // every problem at once: the spec, then the date and the group
    const problems = new Problems();
    const meeting = problems.take(() => readMeeting(positionals[0]!));
    const date = values.date as string | undefined;
    const badDate = date === undefined ? undefined : dateProblem(date);
    if (badDate) problems.add(`--date: ${badDate}`);
    const group = values.group as string | undefined;
    if (meeting && group !== undefined && !meeting.groupIndex.has(group)) {
      problems.add(`--group: unknown group ${JSON.stringify(group)}: expected one of ${meeting.groups.map((g) => g.id).join(', ')}`);
    }
    problems.check();
    const options = { ...(date !== undefined ? { date } : {}), ...(group !== undefined ? { group } : {}) };
    let text: string;
    try {
      if (values.suggest) {
        const s = suggestCore(meeting!, options);
        text = values.json ? JSON.stringify(s, null, 2) : formatSuggestion(s);
      } else {
        const s = spreadOf(meeting!, options);
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
