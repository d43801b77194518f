/**
 * Solving the benchmark MIP with HiGHS (the `highs` npm package: HiGHS
 * compiled to WebAssembly, single-threaded, at most 2 GiB of linear memory).
 */
import type { Mip } from './mip.js';

/** How a HiGHS run went. */
export interface HighsOutcome {
  /** `optimal`, `time limit`, `memory limit` (stopped near the 2 GiB), `out of memory`, `error`, … */
  readonly status: string;
  /** Objective of the best solution found. */
  readonly objective: number | undefined;
  /** Best proved lower bound. */
  readonly bound: number | undefined;
  /** Wall seconds of the run (presolve included, model loading excluded). */
  readonly seconds: number;
  /** Seconds to load the model into HiGHS. */
  readonly loadSeconds: number;
  /** Column values of the best solution. */
  readonly solution: Float64Array | undefined;
  /** Improving solutions: when (s) and their objective. */
  readonly incumbents: readonly { readonly t: number; readonly objective: number }[];
  readonly nodes: number | undefined;
  /** WebAssembly linear memory at the end, bytes. */
  readonly wasmBytes: number;
  readonly message: string | undefined;
}

/** Options of {@link runHighs}. */
export interface HighsRunOptions {
  readonly timeLimitS: number;
  /** A starting solution (column values), e.g. plenary's answer. */
  readonly start?: Float64Array;
  /** Print HiGHS's log. */
  readonly log?: boolean;
  /** Stop (keeping the bound and the incumbent) once WebAssembly memory passes this many bytes; default 1.6 GiB of the 2 GiB. */
  readonly memoryLimitBytes?: number;
}

/** The HiGHS options of every run (besides the time limit and logging). */
export const HIGHS_OPTIONS = { mip_rel_gap: 0, mip_abs_gap: 0.999, random_seed: 0 } as const;

/** Where a run is stopped to keep its bound and incumbent (HiGHS aborts at 2 GiB). */
export const MEMORY_STOP_BYTES = 1.6 * 2 ** 30;

/**
 * HiGHS's version and the settings of a run: a cached result is reused only
 * for the same setup (and the same MIP).
 *
 * @example
 * await highsSetup() // 'HiGHS 1.11.0 (abc1234) · mip_rel_gap 0 · mip_abs_gap 0.999 · random_seed 0 · memory stop 1.6 GiB'
 */
export async function highsSetup(): Promise<string> {
  const loader = (await import('highs')).default as unknown as () => Promise<{ version?: { string: string; gitHash: string } }>;
  const h = await loader();
  const v = h.version ? `${h.version.string} (${h.version.gitHash})` : 'unknown version';
  const opts = Object.entries(HIGHS_OPTIONS).map(([k, x]) => `${k} ${x}`);
  return [`HiGHS ${v}`, ...opts, `memory stop ${MEMORY_STOP_BYTES / 2 ** 30} GiB`].join(' · ');
}

const STATUS: Record<number, string> = {
  0: 'not set',
  1: 'load error',
  2: 'model error',
  3: 'presolve error',
  4: 'solve error',
  5: 'postsolve error',
  6: 'empty',
  7: 'optimal',
  8: 'infeasible',
  9: 'unbounded or infeasible',
  10: 'unbounded',
  11: 'objective bound',
  12: 'objective target',
  13: 'time limit',
  14: 'iteration limit',
  15: 'unknown',
  16: 'solution limit',
  17: 'interrupted',
};

/**
 * Solves the MIP to proved optimality (relative gap 0; absolute gap < 1, which
 * proves the optimum because every objective coefficient is an integer and so
 * is the optimum) or until the time limit.
 *
 * @example
 * const out = await runHighs(buildMip(meeting), { timeLimitS: 60 });
 * out.status // 'optimal'
 */
export async function runHighs(mip: Mip, options: HighsRunOptions): Promise<HighsOutcome> {
  const loader = (await import('highs')).default as unknown as () => Promise<HighsLike>;
  let highs: HighsLike | undefined;
  const t0 = performance.now();
  let loadSeconds = 0;
  const incumbents: { t: number; objective: number }[] = [];
  let lastSolution: Float64Array | undefined;
  let lastBound: number | undefined;
  let memoryStop = false;
  const memoryLimit = options.memoryLimitBytes ?? MEMORY_STOP_BYTES;
  try {
    highs = await loader();
    const model = highs.createModel(mip.model.toModelData(highs.infinity));
    try {
      model.options.set({
        output_flag: options.log === true,
        log_to_console: options.log === true,
        time_limit: options.timeLimitS,
        ...HIGHS_OPTIONS,
      });
      if (options.start) model.setSolution({ colValue: options.start });
      loadSeconds = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      const cb = highs.constants.callbackType;
      const run = model.run({
        ...(options.log ? { [cb.logging]: (e: { message: string }) => (process.stderr.write(e.message), undefined) } : {}),
        [cb.mipInterrupt]: (e: { data: { mip_dual_bound?: number }; interrupt(): void }) => {
          if (e.data.mip_dual_bound !== undefined && Number.isFinite(e.data.mip_dual_bound)) lastBound = e.data.mip_dual_bound;
          if (highs!.memoryBytes > memoryLimit) {
            memoryStop = true;
            e.interrupt();
          }
          return undefined;
        },
        [cb.mipImprovingSolution]: (e: { data: { objective_function_value?: number; mip_solution?: Float64Array; running_time?: number } }) => {
          const obj = e.data.objective_function_value;
          if (obj !== undefined) incumbents.push({ t: (performance.now() - t1) / 1000, objective: obj });
          if (e.data.mip_solution) lastSolution = e.data.mip_solution;
          return undefined;
        },
      });
      const seconds = (performance.now() - t1) / 1000;
      const status = memoryStop ? 'memory limit' : (STATUS[run.modelStatus] ?? String(run.modelStatus));
      const info = (name: string): number | undefined => {
        try {
          const v = model.info.get(name);
          return typeof v === 'bigint' ? Number(v) : v;
        } catch {
          return undefined;
        }
      };
      let solution: Float64Array | undefined;
      try {
        const sol = model.getSolution();
        if (sol.colValue && sol.colValue.length === mip.model.numCols) solution = Float64Array.from(sol.colValue);
      } catch {
        solution = lastSolution;
      }
      const primal = info('primal_solution_status');
      if (primal !== undefined && primal !== 2) solution = lastSolution;
      const objective = info('objective_function_value');
      return {
        status,
        objective: solution ? objective : undefined,
        bound: info('mip_dual_bound') ?? lastBound,
        seconds,
        loadSeconds,
        solution,
        incumbents,
        nodes: info('mip_node_count'),
        wasmBytes: highs.memoryBytes,
        message: undefined,
      };
    } finally {
      model.dispose();
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const oom = /memory|Cannot enlarge|OOM|Aborted|RangeError/i.test(msg);
    return {
      status: oom ? 'out of memory' : 'error',
      objective: lastSolution ? incumbents[incumbents.length - 1]?.objective : undefined,
      bound: lastBound,
      seconds: (performance.now() - t0) / 1000,
      loadSeconds,
      solution: lastSolution,
      incumbents,
      nodes: undefined,
      wasmBytes: highs?.memoryBytes ?? 0,
      message: msg.split('\n')[0],
    };
  }
}

/** The slice of the `highs` runtime used here (its own types are much wider). */
interface HighsLike {
  readonly infinity: number;
  readonly memoryBytes: number;
  readonly constants: { readonly callbackType: { readonly mipImprovingSolution: 4; readonly logging: 0; readonly mipInterrupt: 6 } };
  createModel(data: unknown): {
    options: { set(o: Record<string, unknown>): unknown };
    info: { get(name: string): number | bigint };
    setSolution(s: { colValue: Float64Array }): unknown;
    run(cb: Record<number, unknown>): { modelStatus: number };
    getSolution(): { colValue?: ArrayLike<number> };
    dispose(): void;
  };
}
