/**
 * What the benchmark's parent process asks a child process to run, and what
 * the child reports back (JSON files).
 */
import type { Score } from '../src/timetable/types.js';
import type { ConflictFormulation, MipStats } from './mip.js';

/** A plenary solve with a time budget. */
export interface PlenaryJob {
  readonly kind: 'plenary';
  readonly instance: string;
  readonly seed: number;
  readonly timeLimitMs: number;
}

/** HiGHS on the instance's MIP, optionally from a start placement. */
export interface HighsJob {
  readonly kind: 'highs';
  readonly instance: string;
  readonly timeLimitS: number;
  readonly maxConflictCells?: number;
  /** Conflict formulation of the MIP (default: bench/mip.ts's DEFAULT_FORMULATION). */
  readonly formulation?: ConflictFormulation;
  /** Start instants by session index (e.g. plenary's best answer). */
  readonly start?: readonly number[];
  readonly log?: boolean;
}

/**
 * Build the instance's MIP only: its digest (the key of the HiGHS cache) and
 * how it prices a placement (plenary's best answer), without solving.
 */
export interface MipJob {
  readonly kind: 'mip';
  readonly instance: string;
  readonly maxConflictCells?: number;
  readonly formulation?: ConflictFormulation;
  readonly start?: readonly number[];
}

/** Any job. */
export type ChildJob = PlenaryJob | HighsJob | MipJob;

/** What a MIP child reports. */
export interface MipReport {
  readonly kind: 'mip';
  readonly instance: string;
  /** `SparseModel.digest` of the model. */
  readonly digest: string;
  /** True when the model is a relaxation (conflict cells dropped for the budget). */
  readonly relaxed: boolean;
  /** HiGHS's version and settings (`highsSetup`). */
  readonly setup: string;
  readonly stats: MipStats;
  readonly buildSeconds: number;
  /** The MIP's objective of the start placement, and its largest row violation (≈ 0). */
  readonly startObjective: number | undefined;
  readonly startViolation: number | undefined;
}

/** One improvement of plenary's best score during a solve. */
export interface ProgressPoint {
  /** Wall milliseconds since `solve` was called (compilation included). */
  readonly ms: number;
  /** `elapsedMs` as the solver reported it. */
  readonly solverMs: number;
  readonly iterations: number;
  readonly hard: number;
  readonly total: number;
}

/** What a plenary child reports. */
export interface PlenaryReport {
  readonly kind: 'plenary';
  readonly instance: string;
  readonly seed: number;
  readonly timeLimitMs: number;
  readonly status: string;
  /** The score the solver claims; the parent recomputes it with `evaluate`. */
  readonly score: Score;
  readonly starts: readonly number[];
  readonly iterations: number;
  readonly solverMs: number;
  /** Wall milliseconds of the `solve` call. */
  readonly wallMs: number;
  /** Milliseconds to generate and load the instance (not timed as solving). */
  readonly loadMs: number;
  readonly trajectory: readonly ProgressPoint[];
  /** Peak resident set size of the child process. */
  readonly maxRssBytes: number;
}

/** What a HiGHS child reports. */
export interface HighsReport {
  readonly kind: 'highs';
  readonly instance: string;
  readonly status: string;
  readonly objective: number | undefined;
  readonly bound: number | undefined;
  readonly seconds: number;
  readonly loadSeconds: number;
  readonly buildSeconds: number;
  /** The best solution's start instants (null where a session has none). */
  readonly starts: readonly (number | null)[] | undefined;
  /** Largest row or bound violation of that solution in the MIP (≈ 0). */
  readonly solutionViolation: number | undefined;
  readonly incumbents: readonly { readonly t: number; readonly objective: number }[];
  readonly nodes: number | undefined;
  readonly wasmBytes: number;
  readonly message: string | undefined;
  readonly relaxed: boolean;
  readonly stats: MipStats;
  readonly warmStart: boolean;
  readonly startObjective: number | undefined;
  readonly startViolation: number | undefined;
  readonly maxRssBytes: number;
  /** Digest of the MIP solved (see {@link MipReport.digest}). */
  readonly digest?: string;
  /** HiGHS's version and the run's settings (see `HIGHS_SETUP`). */
  readonly setup?: string;
  /** When it was measured (ISO time) and the machine's load then. */
  readonly measuredAt?: string;
  readonly loadAverage?: readonly number[];
  /** The time limit it ran with, seconds. */
  readonly timeLimitS?: number;
}
