/**
 * `solveParallel`: a portfolio of independent seeded searches in worker
 * threads (seeds seed .. seed+workers-1), the best kept (fewest hard
 * violations, then lowest total; ties go to the lowest seed, so the result is
 * reproducible with an iteration budget).
 *
 * The workers run `solver-worker.js`, built next to the library
 * (`dist/solver-worker.js`) and found relative to the running module (ESM
 * `import.meta.url` or CommonJS `__filename`). When it is not there (running
 * from the TypeScript sources, as the tests do), the portfolio runs the same
 * seeds one after the other in this thread: the same answer, only slower.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Meeting } from '../model/types.js';
import type { MeetingSpec } from '../spec/meeting-schema.js';
import type { Previous } from '../timetable/timetable.js';
import type { Score } from '../timetable/types.js';
import { solve } from './solve.js';
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
  readonly timeLimitMs: number | undefined;
  readonly previous: Previous | undefined;
  readonly assert: boolean;
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
  | { readonly type: 'error'; readonly seed: number; readonly message: string };

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
 * Solves with `workers` independent seeds in worker threads and keeps the
 * best. `onProgress` reports improvements of the best over all workers (its
 * `iterations` is the sum over workers).
 *
 * @example
 * const r = await solveParallel(meeting, { workers: 2, seed: 1, timeLimitMs: 1000 });
 * r.seed // the seed whose placement won
 */
export function solveParallel(meeting: Meeting, options: SolveOptions & { readonly workers: number }): Promise<SolveResult> {
  return solvePortfolio(meeting, options, defaultWorkerUrl());
}

/**
 * The portfolio with an explicit worker script (undefined: run the seeds one
 * after the other in this thread).
 *
 * @example
 * await solvePortfolio(meeting, { workers: 2, iterations: 20_000 }, new URL('../dist/solver-worker.js', import.meta.url))
 */
export async function solvePortfolio(meeting: Meeting, options: SolveOptions & { readonly workers: number }, workerUrl: URL | undefined): Promise<SolveResult> {
  const clock = options.clock ?? (() => performance.now());
  const began = clock();
  const seed = options.seed ?? 1;
  const workers = Math.max(1, Math.floor(options.workers));
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
    results = seeds.map((s) => solve(meeting, { ...options, seed: s, clock, onProgress: (p) => report(s, p) }));
  } else {
    results = await Promise.all(seeds.map((s) => runWorker(workerUrl, jobOf(meeting, options, s), (p) => report(s, p))));
  }
  let win = results[0]!;
  for (const r of results.slice(1)) if (better(r.result.score, win.result.score)) win = r;
  const ms = Math.round(clock() - began);
  const timetable = win.timetable.solver ? { ...win.timetable, solver: { ...win.timetable.solver, ms } } : win.timetable;
  return { ...win, timetable, ms };
}

function jobOf(meeting: Meeting, options: SolveOptions, seed: number): WorkerJob {
  return {
    spec: meeting.spec,
    seed,
    iterations: options.iterations,
    timeLimitMs: options.timeLimitMs,
    previous: options.previous,
    assert: options.assert ?? false,
  };
}

function runWorker(url: URL, job: WorkerJob, onProgress: (p: SolveProgress) => void): Promise<SolveResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(url, { workerData: job });
    let done = false;
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') {
        done = true;
        resolve(m.result);
        void w.terminate();
      } else {
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
}
