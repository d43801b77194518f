import { check as checkTimetable } from '../../timetable/check.js';
import { readPrevious } from '../../timetable/read.js';
import type { CheckResult } from '../../timetable/types.js';
import { parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { Problems, readData, readMeeting } from '../io.js';
import { readTimetable } from '../../timetable/read.js';

const usage = 'plenary check SPEC TIMETABLE [--previous TIMETABLE] [--json]';

/** The score on one line. */
export function formatScore(r: CheckResult): string {
  const s = r.score;
  return `hard ${s.hard} · comfort ${s.comfort} · conflict ${s.conflict} · fairness ${s.fairness} · stability ${s.stability} · total ${s.total}`;
}

/** `plenary check`: recomputes violations and score of a timetable. */
export const check: Command = {
  name: 'check',
  usage,
  summary: 'recomputes the violations and score of a (possibly hand-edited) timetable',
  async run(argv) {
    const { values, positionals } = parse(argv, { previous: { type: 'string' }, json: { type: 'boolean' } }, ['SPEC', 'TIMETABLE'], usage);
    const meeting = readMeeting(positionals[0]!);
    // the timetable's problems and the previous one's, all at once
    const problems = new Problems();
    const ttPath = positionals[1]!;
    const starts = problems.take(() => readTimetable(meeting, readData(ttPath), ttPath));
    const prevPath = values.previous as string | undefined;
    const previous = prevPath ? problems.take(() => readPrevious(readData(prevPath), prevPath, meeting.id)) : undefined;
    problems.check();
    const result = checkTimetable(meeting, starts!, previous ? { previous } : {});
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ status: result.status, score: result.score, violations: result.violations }, null, 2)}\n`);
    } else {
      const out = [`${result.status}: ${formatScore(result)}`];
      for (const v of result.violations) out.push(`  ${v.constraint}: ${v.message}`);
      process.stdout.write(`${out.join('\n')}\n`);
    }
    return result.status === 'feasible' ? EXIT.ok : EXIT.infeasible;
  },
};
