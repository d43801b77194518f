import { join } from 'node:path';
import { outputFiles } from '../../export/outputs.js';
import { resolveLocale, TIMEPLAN_LOCALES } from '../../export/timeplan.js';
import { expectedWork, solve } from '../../solver/solve.js';
import type { SolveOptions, SolveProgress, SolveResult } from '../../solver/solve.js';
import { defaultWorkerUrl, solveParallel, solveStoppable, WORKERS_MAX } from '../../solver/parallel.js';
import { readPrevious } from '../../timetable/read.js';
import { intOption, parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { prepareOutput, Problems, readData, readMeeting, removeStaleCalendars, writeOutput } from '../io.js';
import { calendarStamp } from '../stamp.js';
import { renderChangesText, timetableChanges } from '../../export/changes.js';
import { formatScore } from './check.js';

/**
 * How many seeds of a portfolio searched, for the summary line.
 *
 * @example
 * portfolioNote(1, 4) // ', best of 1 seed; 3 did not start before the time limit'
 */
export function portfolioNote(searched: number, workers: number): string {
  const late = workers - searched;
  return `, best of ${searched} seed${searched === 1 ? '' : 's'}${late > 0 ? `; ${late} did not start before the time limit` : ''}`;
}

const usage = 'plenary solve SPEC [--out DIR] [--seed N] [--iterations N] [--time-limit MS] [--previous TIMETABLE] [--workers N] [--locale L]';

/** Solves shorter than this show no progress. */
const QUIET_MS = 300;

/**
 * Searches of at least this many iterations (a couple of seconds or more;
 * counted as plain moves, see expectedWork) run
 * in a worker thread, which Ctrl-C can stop; shorter ones in this thread,
 * spared the worker's start (0.1–0.3 s).
 */
const STOPPABLE_FROM = 2_000_000;

/** A second SIGINT this soon after the first is the same Ctrl-C (the terminal sends it to the bin and to the solve it relaunched, and the bin passes its own on). */
const SAME_INTERRUPT_MS = 500;

function progressLine(p: SolveProgress): string {
  const b = p.best;
  return `solving: best ${b.hard > 0 ? `${b.hard} hard violation${b.hard === 1 ? '' : 's'}, ` : ''}total ${b.total} · ${p.iterations.toLocaleString('en-US')} iterations · ${(p.elapsedMs / 1000).toFixed(1)} s`;
}

/**
 * `plenary solve`: expands, validates and solves a spec, then writes the
 * timetable, the time plan, the report and the calendars into DIR. Exit 0
 * when feasible, 3 when not (the files are still written, with the
 * violations and a diagnosis), 2 on bad input.
 */
export const solveCommand: Command = {
  name: 'solve',
  usage,
  summary: 'solves a spec and writes timetable.json, timeplan.md, report.html and the calendars (progress on stderr)',
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        out: { type: 'string' },
        seed: { type: 'string' },
        iterations: { type: 'string' },
        'time-limit': { type: 'string' },
        previous: { type: 'string' },
        workers: { type: 'string' },
        locale: { type: 'string' },
      },
      ['SPEC'],
      usage,
    );
    // every problem at once: the options, the spec, the previous timetable
    const problems = new Problems();
    const seed = problems.take(() => intOption('seed', values.seed as string | undefined, 0)) ?? 1;
    const iterations = problems.take(() => intOption('iterations', values.iterations as string | undefined, 1));
    const timeLimitMs = problems.take(() => intOption('time-limit', values['time-limit'] as string | undefined, 1));
    const workers = problems.take(() => intOption('workers', values.workers as string | undefined, 1)) ?? 1;
    if (workers > WORKERS_MAX) problems.add(`--workers: expected at most ${WORKERS_MAX}, got ${workers}`);
    const locale = values.locale as string | undefined;
    if (locale !== undefined && !resolveLocale(locale)) problems.add(`--locale: expected one of ${TIMEPLAN_LOCALES.join(', ')}, got ${JSON.stringify(locale)}`);
    const out = (values.out as string | undefined) ?? 'out';
    const stamp = problems.take(() => calendarStamp())!;
    const found = problems.take(() => readMeeting(positionals[0]!));
    const prevPath = values.previous as string | undefined;
    const previous = found && prevPath ? problems.take(() => readPrevious(readData(prevPath), prevPath, found.id)) : undefined;
    problems.check();
    const meeting = found!;
    prepareOutput(out);

    const tty = process.stderr.isTTY === true;
    let shown = false;
    let lastDraw = -Infinity;
    const onProgress = (p: SolveProgress) => {
      if (!tty || p.elapsedMs < QUIET_MS || p.elapsedMs - lastDraw < 100) return;
      lastDraw = p.elapsedMs;
      shown = true;
      process.stderr.write(`\r\x1b[K${progressLine(p)}`);
    };
    const options: SolveOptions = {
      seed,
      ...(iterations !== undefined ? { iterations } : {}),
      ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
      ...(previous ? { previous } : {}),
      onProgress,
    };
    // Ctrl-C during a long search without a time limit stops it and writes the best timetable found so far
    // (the search runs in a worker thread, this one waits and listens); a second Ctrl-C quits without it
    const stoppable = workers === 1 && timeLimitMs === undefined && expectedWork(meeting, options) >= STOPPABLE_FROM;
    const stop = new Int32Array(new SharedArrayBuffer(4));
    let stoppedAt = 0;
    const onInterrupt = () => {
      const now = Date.now();
      if (stoppedAt === 0) {
        stoppedAt = now;
        Atomics.store(stop, 0, 1);
        process.stderr.write(`${shown ? '\r\x1b[K' : ''}plenary solve: stopping, to write the best timetable found so far (Ctrl-C again to quit without it)\n`);
      } else if (now - stoppedAt > SAME_INTERRUPT_MS) process.exit(130);
    };
    if (stoppable) process.on('SIGINT', onInterrupt);
    let result: SolveResult;
    let portfolio: Awaited<ReturnType<typeof solveParallel>> | undefined;
    try {
      portfolio = workers > 1 ? await solveParallel(meeting, { ...options, workers }) : undefined;
      result = portfolio ?? (stoppable ? await solveStoppable(meeting, { ...options, stop }, defaultWorkerUrl()) : solve(meeting, options));
    } finally {
      process.off('SIGINT', onInterrupt);
    }
    if (shown) process.stderr.write('\r\x1b[K');
    if (result.ms >= QUIET_MS || stoppedAt > 0 || (portfolio && portfolio.searched.length < workers)) {
      const how = stoppedAt > 0 ? 'stopped by Ctrl-C after ' : '';
      process.stderr.write(`plenary solve: ${how}${result.iterations.toLocaleString('en-US')} iterations in ${(result.ms / 1000).toFixed(1)} s (seed ${result.seed}${portfolio ? portfolioNote(portfolio.searched.length, workers) : ''})\n`);
    }

    // rendered one at a time (a meeting of thousands of people never holds all its calendars at once), all or none
    const written = writeOutput(out, outputFiles(meeting, result.timetable, { ...(previous ? { previous } : {}), stamp, ...(locale ? { locale } : {}) }));
    const top = written.filter((f) => !f.includes('/'));
    const nested = written.length - top.length;
    const stale = removeStaleCalendars(out, new Set(written));

    const lines = [`${result.status}: ${formatScore(result.result)}`];
    if (result.status === 'infeasible') {
      lines.push(`${result.result.violations.length} hard violation${result.result.violations.length === 1 ? '' : 's'}:`);
      for (const v of result.result.violations.slice(0, 10)) lines.push(`  ${v.constraint}: ${v.message}`);
      if (result.result.violations.length > 10) lines.push(`  … and ${result.result.violations.length - 10} more in ${join(out, 'timetable.json')}`);
      if (result.diagnosis.length) lines.push('diagnosis:', ...result.diagnosis.map((d) => `  ${d}`));
    }
    lines.push(`wrote ${top.length + nested} files to ${join(out, '/')}: ${top.join(', ')}${nested ? ` and ${nested} in ics/` : ''}${stale ? `; removed ${stale} calendar${stale === 1 ? '' : 's'} of an earlier run that this timetable no longer has` : ''}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    // re-planning: what moved, was added or cancelled since the published timetable (also in changes.md)
    if (previous) process.stdout.write(renderChangesText(timetableChanges(meeting, result.timetable, previous)));
    return result.status === 'feasible' ? EXIT.ok : EXIT.infeasible;
  },
};
