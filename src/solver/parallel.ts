/**
 * `solveParallel`: a portfolio of independent seeded searches (seeds seed ..
 * seed+workers-1), the first in the calling thread and the others in worker
 * threads, the best kept (fewest hard violations, then lowest total; ties go
 * to the lowest seed, so the result is reproducible with an iteration budget).
 *
 * With a time limit every search stops at one deadline, counted from the call:
 * a worker starts its search with what is left of it, and one that has not
 * started by then (a worker thread takes 0.1–0.3 s to load the solver and
 * build the meeting) is stopped and left out, so the portfolio returns about
 * when a single search would.
 *
 * The workers run `solver-worker.js`, built next to the library
 * (`dist/solver-worker.js`) and found relative to the running module (ESM
 * `import.meta.url` or CommonJS `__filename`). When it is not there (running
 * from the TypeScript sources, as the tests do, or bundled without it), the
 * portfolio runs the same seeds one after the other in this thread: the same
 * answer with an iteration budget, only slower; with a time limit they share
 * it. A bundled program can pass `workerUrl` (a copy of `dist/solver-worker.js`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Meeting } from '../model/types.js';
import type { MeetingSpec } from '../spec/meeting-schema.js';
import type { Previous } from '../timetable/timetable.js';
import { withSolver } from '../timetable/timetable.js';
import type { Score } from '../timetable/types.js';
import { solve, solveOptionProblems, throwOptionProblems } from './solve.js';
import type { SolveOptions, SolveProgress, SolveResult } from './solve.js';

/**
 * What a worker is asked to do (plain data: it crosses the thread boundary).
 *
 * @example
 * const job: WorkerJob = { spec: meeting.spec, seed: 2, iterations: 10_000, timeLimitMs: undefined, previous: undefined, assert: false };
 */
export interface WorkerJob {
  readonly spec: MeetingSpec;
  readonly seed: number;
  readonly iterations: number | undefined;
  /** The portfolio's deadline in wall-clock milliseconds (`performance.timeOrigin + performance.now()`), with a time limit. */
  readonly deadline: number | undefined;
  readonly previous: Previous | undefined;
  readonly assert: boolean;
  /**
   * One Int32 shared with the calling thread: the worker claims it
   * (0 → {@link CLAIM.started}) to start its search; the calling thread claims
   * it (0 → {@link CLAIM.dropped}) to stop a worker that has not started by the
   * deadline. Whoever swaps first decides.
   */
  readonly claim: SharedArrayBuffer;
  /** One Int32 shared with the calling thread, which raises it to stop the search ({@link SolveOptions.stop}). */
  readonly stop?: SharedArrayBuffer;
}

/**
 * The states of {@link WorkerJob.claim}.
 *
 * @example
 * Atomics.compareExchange(new Int32Array(job.claim), 0, CLAIM.open, CLAIM.started) === CLAIM.open // this worker may search
 */
export const CLAIM = { open: 0, started: 1, dropped: 2 } as const;

/**
 * The most seeds a portfolio runs (`workers`): one thread each.
 *
 * @example
 * await solveParallel(meeting, { workers: Math.min(WORKERS_MAX, availableParallelism()), timeLimitMs: 2000 });
 */
export const WORKERS_MAX = 64;

/**
 * Wall-clock milliseconds that every thread of the process reads alike (each
 * thread's `performance.now()` counts from its own start).
 *
 * @example
 * const deadline = wallMs() + 100; // passed to a worker, which stops at wallMs() >= deadline
 */
export function wallMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * What a worker posts back.
 *
 * @example
 * port.postMessage({ type: 'done', seed: 2, result } satisfies WorkerMessage);
 */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly seed: number; readonly progress: SolveProgress }
  | { readonly type: 'done'; readonly seed: number; readonly result: SolveResult }
  | { readonly type: 'dropped'; readonly seed: number }
  | { readonly type: 'error'; readonly seed: number; readonly message: string };

/**
 * What {@link solveParallel} returns: the winning search's result, with the
 * portfolio's time in `ms`, and the seeds whose searches took part.
 *
 * @example
 * const r = await solveParallel(meeting, { workers: 4, timeLimitMs: 100 });
 * r.searched // [1] when the workers had not started by the deadline
 */
export interface PortfolioResult extends SolveResult {
  /** The seeds that searched, in order: all of them but those dropped at the deadline before they started. */
  readonly searched: readonly number[];
}

/** `a` better than `b`: fewer hard violations, then a lower total. */
function better(a: Score, b: Score): boolean {
  return a.hard < b.hard || (a.hard === b.hard && a.total < b.total);
}

/**
 * The built worker script next to this module, if there is one.
 *
 * @example
 * defaultWorkerUrl()?.href // 'file:///…/dist/solver-worker.js', undefined from the sources
 */
export function defaultWorkerUrl(): URL | undefined {
  let here: string | undefined;
  try {
    here = typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url;
  } catch {
    here = undefined;
  }
  if (!here) return undefined;
  const url = new URL('./solver-worker.js', here);
  try {
    return existsSync(fileURLToPath(url)) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Solves with `workers` independent seeds (the first in this thread, the
 * others in worker threads) and keeps the best. `onProgress` reports
 * improvements of the best over all workers (its `iterations` is the sum over
 * workers; a worker's reach this thread once its own search is done).
 * `workerUrl`: where `solver-worker.js` is, for a program bundled without the
 * package's `dist/` (default: next to this module).
 *
 * @example
 * const r = await solveParallel(meeting, { workers: 2, seed: 1, timeLimitMs: 1000 });
 * r.seed // the seed whose placement won
 */
export function solveParallel(meeting: Meeting, options: SolveOptions & { readonly workers: number; readonly workerUrl?: URL }): Promise<PortfolioResult> {
  return solvePortfolio(meeting, options, options.workerUrl ?? defaultWorkerUrl());
}

/**
 * The portfolio with an explicit worker script (undefined: run the seeds one
 * after the other in this thread).
 *
 * @example
 * await solvePortfolio(meeting, { workers: 2, iterations: 20_000 }, new URL('../dist/solver-worker.js', import.meta.url))
 */
export async function solvePortfolio(meeting: Meeting, given: SolveOptions & { readonly workers: number }, workerUrl: URL | undefined): Promise<PortfolioResult> {
  const problems = solveOptionProblems(given, ['workers', 'workerUrl']);
  const n: unknown = given.workers;
  if (!(typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 && n <= WORKERS_MAX)) problems.push(`options.workers: expected a whole number from 1 to ${WORKERS_MAX}, got ${typeof n === 'number' ? String(n) : JSON.stringify(n) ?? typeof n}`);
  const url: unknown = (given as { readonly workerUrl?: unknown }).workerUrl;
  if (url !== undefined && !(url instanceof URL)) problems.push('options.workerUrl: expected a URL (of dist/solver-worker.js), got ' + typeof url);
  throwOptionProblems(problems);
  // what each search takes: the options of solve
  const { workers, workerUrl: _url, ...options } = given as SolveOptions & { readonly workers: number; readonly workerUrl?: URL };
  const clock = options.clock ?? (() => performance.now());
  const began = clock();
  const seed = options.seed ?? 1;
  const seeds = Array.from({ length: workers }, (_, i) => seed + i);
  const { onProgress } = options;
  let best: Score | undefined;
  const iterationsBySeed = new Map<number, number>();
  const report = (s: number, p: SolveProgress) => {
    iterationsBySeed.set(s, p.iterations);
    let total = 0;
    for (const v of iterationsBySeed.values()) total += v;
    const improved = !best || better(p.best, best);
    if (improved) best = p.best;
    onProgress?.({ iterations: total, elapsedMs: clock() - began, best: best!, improved });
  };

  let results: SolveResult[];
  if (workers === 1 || !workerUrl) {
    // one after the other: with a time limit they share it, each what is left over the seeds still to run
    const end = options.timeLimitMs !== undefined ? began + options.timeLimitMs : undefined;
    results = seeds.map((s, i) => {
      const limit = end === undefined ? {} : { timeLimitMs: Math.max(0, (end - clock()) / (seeds.length - i)) };
      return solve(meeting, { ...options, ...limit, seed: s, clock, onProgress: (p) => report(s, p) });
    });
  } else {
    const deadline = options.timeLimitMs !== undefined ? wallMs() + options.timeLimitMs : undefined;
    const others = seeds.slice(1).map((s) => {
      const claim = new SharedArrayBuffer(4);
      return runWorker(workerUrl, jobOf(meeting, options, s, deadline, claim), (p) => report(s, p));
    });
    let done: (SolveResult | undefined)[];
    let first: SolveResult;
    try {
      // the first seed in this thread, while the workers load; it stops at the same deadline
      first = solve(meeting, { ...options, seed: seeds[0]!, clock, onProgress: (p) => report(seeds[0]!, p) });
      for (const w of others) if (deadline !== undefined && wallMs() >= deadline) w.dropIfNotStarted();
      done = await Promise.all(others.map((w) => w.result));
    } catch (e) {
      for (const w of others) w.stop();
      throw e;
    }
    results = [first, ...done.filter((r): r is SolveResult => r !== undefined)];
  }
  let win = results[0]!;
  for (const r of results.slice(1)) if (better(r.result.score, win.result.score)) win = r;
  const ms = Math.round(clock() - began);
  // built in a worker or here (a worker's copy has lost its mark): the portfolio's time in its solver field
  const timetable = win.timetable.solver ? withSolver(win.timetable, { ...win.timetable.solver, ms }) : win.timetable;
  return { ...win, timetable, ms, searched: results.map((r) => r.seed) };
}

function jobOf(meeting: Meeting, options: SolveOptions, seed: number, deadline: number | undefined, claim: SharedArrayBuffer, stop?: SharedArrayBuffer): WorkerJob {
  return {
    spec: meeting.spec,
    seed,
    iterations: options.iterations,
    deadline,
    previous: options.previous,
    assert: options.assert ?? false,
    claim,
    ...(stop ? { stop } : {}),
  };
}

/**
 * One search in a worker thread, so that this thread stays free to raise
 * `options.stop` (an `Int32Array` over a `SharedArrayBuffer`, e.g. on
 * Ctrl-C) while it runs: the same result as `solve` in this thread with the
 * same options, progress forwarded. Without a worker script (`workerUrl`
 * undefined: running from the sources), or when the worker fails, it is
 * `solve` in this thread, which a stop raised meanwhile does not reach.
 *
 * @example
 * const stop = new Int32Array(new SharedArrayBuffer(4));
 * process.once('SIGINT', () => Atomics.store(stop, 0, 1));
 * const r = await solveStoppable(meeting, { stop }, defaultWorkerUrl());
 */
export async function solveStoppable(meeting: Meeting, options: SolveOptions & { readonly stop: Int32Array }, workerUrl: URL | undefined): Promise<SolveResult> {
  throwOptionProblems(solveOptionProblems(options));
  if (!workerUrl || !(options.stop.buffer instanceof SharedArrayBuffer) || options.timeLimitMs !== undefined || options.clock) return solve(meeting, options);
  const clock = () => performance.now();
  const began = clock();
  const seed = options.seed ?? 1;
  const job = jobOf(meeting, options, seed, undefined, new SharedArrayBuffer(4), options.stop.buffer);
  const { onProgress } = options;
  let r: SolveResult | undefined;
  try {
    r = await runWorker(workerUrl, job, (p) => onProgress?.({ ...p, elapsedMs: clock() - began })).result;
  } catch {
    // a worker that could not run (out of its heap, say): the same search here, where only the heap limits it
    r = undefined;
  }
  if (!r) return solve(meeting, options);
  const ms = Math.round(clock() - began);
  return { ...r, ms, timetable: r.timetable.solver ? withSolver(r.timetable, { ...r.timetable.solver, ms }) : r.timetable };
}

/** A running worker: its result (undefined when it was dropped), a way to drop it if it has not started, and one to stop it. */
interface RunningWorker {
  readonly result: Promise<SolveResult | undefined>;
  dropIfNotStarted(): void;
  stop(): void;
}

function runWorker(url: URL, job: WorkerJob, onProgress: (p: SolveProgress) => void): RunningWorker {
  const w = new Worker(url, { workerData: job });
  let settle: (r: SolveResult | undefined) => void = () => {};
  const result = new Promise<SolveResult | undefined>((resolve, reject) => {
    let done = false;
    settle = (r) => {
      if (done) return;
      done = true;
      resolve(r);
      void w.terminate();
    };
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') settle(m.result);
      else if (m.type === 'dropped') settle(undefined);
      else {
        done = true;
        reject(new Error(`solver worker (seed ${m.seed}): ${m.message}`));
        void w.terminate();
      }
    });
    w.on('error', (e) => {
      if (!done) reject(e);
      done = true;
    });
    w.on('exit', (code) => {
      if (!done) reject(new Error(`solver worker (seed ${job.seed}) stopped with exit code ${code}`));
      done = true;
    });
  });
  return {
    result,
    dropIfNotStarted() {
      if (Atomics.compareExchange(new Int32Array(job.claim), 0, CLAIM.open, CLAIM.dropped) === CLAIM.open) settle(undefined);
    },
    stop() {
      void w.terminate();
    },
  };
}
