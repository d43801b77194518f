/**
 * The benchmark's figures: gaps, times to the optimum, targets met or missed,
 * and the Markdown table.
 */
import type { Size } from './instances.js';
import type { HighsReport, ProgressPoint } from './jobs.js';

/** One plenary run, checked. */
export interface PlenaryRun {
  readonly seed: number;
  readonly budget: number;
  /** Total and hard count as `evaluate` computes them. */
  readonly total: number;
  readonly hard: number;
  readonly feasible: boolean;
  readonly wallMs: number;
  readonly iterations: number;
  readonly maxRssBytes: number;
  /** Improvements of the best score (the long run only). */
  readonly trajectory: readonly ProgressPoint[];
  readonly starts?: readonly number[];
}

/** Everything measured on one instance. */
export interface InstanceResult {
  readonly name: string;
  readonly size: Size;
  readonly specHash: string;
  readonly sessions: number;
  readonly tracks: number;
  readonly people: number;
  readonly zones: number;
  readonly candidates: number;
  readonly plan: { readonly budgets: readonly number[]; readonly long: number; readonly seeds: number; readonly highsLimitS: number; readonly maxConflictCells: number | undefined };
  readonly runs: readonly PlenaryRun[];
  readonly bestPlenary: number | undefined;
  /** HiGHS's report without the solution, plus `evaluate`'s total of its solution. */
  readonly highs: HighsSummary | undefined;
  /** Where the exact model did not finish and a relaxation gave the bound: the exact model's run. */
  readonly highsExact?: HighsSummary | undefined;
  readonly errors: readonly string[];
}

/** HiGHS's report without the solution, plus `evaluate`'s total of its solution. */
export type HighsSummary = Omit<HighsReport, 'starts'> & {
  readonly starts: undefined;
  readonly evaluated: number | undefined;
  /** Measured in this run, or reused from the cache (same spec, MIP digest and HiGHS setup). */
  readonly source?: 'measured' | 'cache';
};

/**
 * Where a HiGHS figure comes from, for the tables.
 *
 * @example
 * sourceText(h) // 'cached: measured 2026-11-26 07:50 UTC'
 */
export function sourceText(h: HighsSummary): string {
  if (h.source !== 'cache') return 'measured in this run';
  return `cached: measured ${h.measuredAt ? `${h.measuredAt.slice(0, 16).replace('T', ' ')} UTC` : 'earlier'}`;
}

/** A target of the issue, met or not, with the numbers. */
export interface Target {
  readonly instance: string;
  readonly target: string;
  readonly status: 'met' | 'missed' | 'not measured';
  readonly detail: string;
}

/** A whole benchmark run (`bench/results/*.json`). */
export interface BenchResult {
  readonly format: 'plenary.bench/1';
  readonly started: string;
  readonly seconds: number;
  readonly command: string;
  readonly quick: boolean;
  readonly machine: Readonly<Record<string, unknown>>;
  readonly instances: readonly InstanceResult[];
  readonly targets: readonly Target[];
}

/**
 * The proved optimum, when HiGHS proved one on the exact model.
 *
 * @example
 * optimumOf(result) // 85890
 */
export function optimumOf(r: InstanceResult): number | undefined {
  const h = r.highs;
  if (!h || h.relaxed || h.status !== 'optimal' || h.evaluated === undefined || r.errors.length > 0) return undefined;
  return h.evaluated;
}

/**
 * The best lower bound known: the optimum, else HiGHS's bound rounded up (the objective is an integer).
 *
 * @example
 * boundOf(result) // 679329
 */
export function boundOf(r: InstanceResult): number | undefined {
  const opt = optimumOf(r);
  if (opt !== undefined) return opt;
  const bounds = [r.highs?.bound, r.highsExact?.bound].filter((b): b is number => b !== undefined && Number.isFinite(b));
  return bounds.length === 0 ? undefined : Math.ceil(Math.max(...bounds) - 1e-6);
}

/**
 * Relative gap of a value to a reference (≥ 0 when the reference is a lower bound).
 *
 * @example
 * gap(101, 100) // 0.01
 */
export function gap(value: number, ref: number): number {
  return ref === 0 ? (value === 0 ? 0 : Infinity) : (value - ref) / Math.abs(ref);
}

/**
 * Milliseconds from calling solve until the best score reached `target` (first such improvement).
 *
 * @example
 * timeTo(run.trajectory, 85890) // 118
 */
export function timeTo(trajectory: readonly ProgressPoint[], target: number): number | undefined {
  return trajectory.find((p) => p.hard === 0 && p.total <= target)?.ms;
}

/** Worst (largest) gap over seeds at a budget, against `ref`. */
function worstGapAt(r: InstanceResult, budget: number, ref: number | undefined): { gap: number; feasible: boolean } | undefined {
  if (ref === undefined) return undefined;
  const at = r.runs.filter((x) => x.budget === budget);
  if (at.length === 0) return undefined;
  const feasible = at.every((x) => x.feasible);
  return { gap: Math.max(...at.map((x) => (x.feasible ? gap(x.total, ref) : Infinity))), feasible };
}

function timesToOptimum(r: InstanceResult): (number | undefined)[] | undefined {
  const opt = optimumOf(r);
  if (opt === undefined) return undefined;
  return r.runs.filter((x) => x.budget === r.plan.long).map((x) => timeTo(x.trajectory, opt));
}

const pct = (g: number) => (Number.isFinite(g) ? `${(100 * g).toFixed(g < 0.001 && g > 0 ? 3 : 2)} %` : '—');
const mib = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : `${Math.round(b / 2 ** 20)} MiB`);
const ms = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : `${t < 10 ? t.toFixed(1) : Math.round(t)} ms`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * The issue's targets, checked against the measurements.
 *
 * @example
 * evaluateTargets(results).filter((t) => t.status !== 'met')
 */
export function evaluateTargets(results: readonly InstanceResult[]): Target[] {
  const out: Target[] = [];
  for (const r of results) {
    const opt = optimumOf(r);
    const bound = boundOf(r);
    const h = r.highs;
    if (r.size === 'SG12' || r.size === 'S') {
      const target = 'at the proved optimum within 100 ms';
      if (opt === undefined) {
        out.push({ instance: r.name, target, status: 'not measured', detail: `no proved optimum (HiGHS: ${h?.status ?? 'not run'})` });
        continue;
      }
      const at = r.runs.filter((x) => x.budget === 100);
      const miss = at.filter((x) => !x.feasible || x.total !== opt);
      out.push({
        instance: r.name,
        target,
        status: miss.length === 0 ? 'met' : 'missed',
        detail:
          miss.length === 0
            ? `${at.length}/${at.length} seeds at ${opt} with a 100 ms budget`
            : miss.map((x) => `seed ${x.seed}: ${x.feasible ? `${x.total} (+${pct(gap(x.total, opt))})` : 'infeasible'} after 100 ms; ${reachText(r, x.seed, opt)}`).join('; '),
      });
    } else if (r.size === 'M') {
      const g1 = worstGapAt(r, 1000, opt);
      out.push({
        instance: r.name,
        target: 'within 0.1 % of the optimum in 1 s',
        status: g1 === undefined ? 'not measured' : g1.gap <= 0.001 ? 'met' : 'missed',
        detail: g1 === undefined ? `no proved optimum (HiGHS: ${highsText(r)})` : r.runs.filter((x) => x.budget === 1000).map((x) => `seed ${x.seed}: ${x.feasible ? `${x.total} (${pct(gap(x.total, opt!))})` : 'infeasible'}`).join('; '),
      });
      const times = timesToOptimum(r);
      const proof = h && h.status === 'optimal' ? h.seconds * 1000 : undefined;
      out.push({
        instance: r.name,
        target: 'at the optimum in < 1/20 of HiGHS’s proof time',
        status: times === undefined || proof === undefined ? 'not measured' : times.every((t) => t !== undefined && t < proof / 20) ? 'met' : 'missed',
        detail:
          times === undefined || proof === undefined
            ? `no proved optimum (HiGHS: ${highsText(r)})`
            : `HiGHS proves it in ${ms(proof)} (${sourceText(h!)}; 1/20: ${ms(proof / 20)}); plenary: ${times.map((t, i) => `seed ${i + 1} ${t === undefined ? `not reached in ${ms(r.plan.long)} (${reachText(r, i + 1, opt!)})` : ms(t)}`).join(', ')}`,
      });
    } else if (r.size === 'L') {
      const at5 = r.runs.filter((x) => x.budget === 5000);
      out.push({
        instance: r.name,
        target: 'feasible in 5 s',
        status: at5.length === 0 ? 'not measured' : at5.every((x) => x.feasible) ? 'met' : 'missed',
        detail: at5.map((x) => `seed ${x.seed}: ${x.feasible ? `feasible, ${x.total}` : `${x.hard} hard violations`}`).join('; '),
      });
      const g5 = worstGapAt(r, 5000, bound);
      out.push({
        instance: r.name,
        target: 'within 0.5 % of the best bound in 5 s',
        status: g5 === undefined ? 'not measured' : g5.gap <= 0.005 ? 'met' : 'missed',
        detail: g5 === undefined ? `no bound (HiGHS: ${highsText(r)})` : `best bound ${bound} (${highsText(r)}); ${at5.map((x) => `seed ${x.seed}: ${x.total} (${pct(gap(x.total, bound!))})`).join('; ')}`,
      });
      const peak = Math.max(...r.runs.map((x) => x.maxRssBytes));
      out.push({ instance: r.name, target: 'under 1 GiB', status: peak < 2 ** 30 ? 'met' : 'missed', detail: `peak RSS ${mib(peak)} (whole process: node, instance, solver)` });
    }
  }
  return out;
}

function reachText(r: InstanceResult, seed: number, opt: number): string {
  const long = r.runs.find((x) => x.seed === seed && x.budget === r.plan.long);
  if (!long) return '';
  const t = timeTo(long.trajectory, opt);
  return t === undefined ? `best ${long.total} (+${pct(gap(long.total, opt))}) after ${ms(r.plan.long)}` : `optimum reached at ${ms(t)}`;
}

/** What a relaxed model left out: conflict pairs and people's session sets. */
function droppedText(h: HighsSummary): string {
  const st = h.stats;
  const parts: string[] = [];
  if (st.droppedPairs) parts.push(`${st.droppedPairs} of ${st.droppedPairs + st.conflictPairs} conflict pairs`);
  if (st.droppedSets) parts.push(`${st.droppedSets} people's session sets`);
  return parts.join(' and ') || 'nothing';
}

function highsText(r: InstanceResult): string {
  const h = r.highs;
  if (!h) return 'not run';
  if (h.status === 'optimal' && !h.relaxed) return `optimal in ${h.seconds.toFixed(1)} s, ${sourceText(h)}`;
  const parts = [`${h.status}${h.status === 'time limit' ? ` ${h.timeLimitS ?? r.plan.highsLimitS} s` : ''}`];
  if (h.relaxed) parts.push(`relaxed model (${droppedText(h)} dropped)`);
  if (h.bound !== undefined && Number.isFinite(h.bound)) parts.push(`bound ${Math.ceil(h.bound - 1e-6)}`);
  if (h.evaluated !== undefined) parts.push(`incumbent ${h.evaluated}`);
  return parts.join(', ');
}

/**
 * The Markdown report: machine, table, targets.
 *
 * @example
 * process.stdout.write(renderTable(bench));
 */
export function renderTable(b: BenchResult): string {
  const m = b.machine;
  const lines: string[] = [];
  lines.push(`Command: \`${b.command}\` — ${b.started.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(b.seconds)} s in all.`);
  lines.push(`Machine: ${String(m.cpu)}, ${String(m.cores)} cores, ${String(m.memoryGiB)} GiB, ${String(m.platform)}, node ${String(m.node)}; load average ${(m.loadAtStart as number[]).join(' ')} at start, ${(m.loadAtEnd as number[]).join(' ')} at the end.`);
  lines.push('');
  lines.push('| Instance | Sessions · tracks · people · starts | Optimum (HiGHS) | HiGHS: time · peak memory | plenary: time to optimum | Gap at 100 ms | Gap at 1 s | Gap at 5 s | plenary peak memory |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const r of b.instances) {
    const opt = optimumOf(r);
    const bound = boundOf(r);
    const h = r.highs;
    const optCell = opt !== undefined ? String(opt) : h ? `${bound !== undefined ? `≥ ${bound}` : '?'}${h.evaluated !== undefined && !h.relaxed ? `, ≤ ${Math.min(h.evaluated, r.bestPlenary ?? Infinity)}` : r.bestPlenary !== undefined ? `, ≤ ${r.bestPlenary}` : ''}` : '–';
    const ex = r.highsExact;
    const exPart = ex ? `exact model: ${ex.status} after ${ex.seconds.toFixed(0)} s; relaxed: ` : '';
    const hCell = !h
      ? 'not run'
      : h.status === 'optimal' && !h.relaxed
        ? `proved in ${h.seconds.toFixed(1)} s · ${mib(h.maxRssBytes)} (${sourceText(h)})`
        : `${h.status}${h.status === 'time limit' ? ` (${h.timeLimitS ?? r.plan.highsLimitS} s)` : ''}${h.relaxed ? ', relaxed model' : ''}${h.bound !== undefined && h.evaluated !== undefined && Number.isFinite(h.bound) ? `, gap ${pct(gap(h.evaluated, Math.ceil(h.bound - 1e-6)))}` : ''} · ${mib(h.maxRssBytes)} (${sourceText(h)})`;
    const times = timesToOptimum(r);
    const tCell =
      times === undefined
        ? '–'
        : times.every((t) => t !== undefined)
          ? times.length > 1
            ? `${ms(median(times as number[]))} median, ${ms(Math.max(...(times as number[])))} worst (${times.length} seeds)`
            : ms(times[0]!)
          : `${times.filter((t) => t !== undefined).length}/${times.length} seeds within ${ms(r.plan.long)}`;
    const gcell = (budget: number) => {
      const g = worstGapAt(r, budget, bound);
      if (!g) return '–';
      const label = opt !== undefined ? '' : ' †';
      return g.feasible ? `${pct(g.gap)}${label}` : 'infeasible';
    };
    const peak = Math.max(...r.runs.map((x) => x.maxRssBytes));
    lines.push(
      `| ${r.name} | ${r.sessions} · ${r.tracks} · ${r.people} · ${r.candidates} | ${optCell} | ${exPart}${hCell} | ${tCell} | ${gcell(100)} | ${gcell(1000)} | ${gcell(5000)} | ${r.runs.length ? mib(peak) : '–'} |`,
    );
  }
  lines.push('');
  lines.push('Gaps are the worst over the seeds, (plenary − optimum) / optimum; † against HiGHS’s best bound where it proved no optimum. Each plenary run is a fresh process with that time budget; its answer is checked with `evaluate` first. Peak memory is the peak RSS of that process.');
  lines.push('');
  lines.push('The MIP (bench/mip.ts) and HiGHS, from plenary’s best answer:');
  lines.push('');
  lines.push('| Instance | Model | Binaries · continuous · rows · nonzeros | HiGHS status | Time | Objective (evaluate) | Bound | Peak RSS · Wasm memory | Figures |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const r of b.instances) {
    for (const h of [r.highsExact, r.highs]) {
      if (!h) continue;
      const st = h.stats;
      const form = st.formulation ? `${st.formulation} formulation` : 'pairs formulation';
      const model = h.relaxed ? `relaxed (${droppedText(h)} dropped; ${form})` : `exact (${form})`;
      const bound = h.bound !== undefined && Number.isFinite(h.bound) ? String(Math.ceil(h.bound - 1e-6)) : '–';
      lines.push(
        `| ${r.name} | ${model} | ${st.binaries} · ${st.continuous} · ${st.rows} · ${st.nonzeros} | ${h.status}${h.message && h.status !== 'optimal' ? ` (${h.message.slice(0, 60)})` : ''} | ${h.seconds.toFixed(1)} s | ${h.evaluated ?? '–'} | ${bound} | ${mib(h.maxRssBytes)} · ${mib(h.wasmBytes)} | ${sourceText(h)}${h.source === 'cache' && h.loadAverage ? ` (load ${h.loadAverage.join(' ')})` : ''}${h.digest ? `, MIP ${h.digest}` : ''} |`,
      );
    }
  }
  lines.push('');
  lines.push('| Instance | Target | Result | Numbers |');
  lines.push('|---|---|---|---|');
  for (const t of b.targets) lines.push(`| ${t.instance} | ${t.target} | ${t.status} | ${t.detail} |`);
  const errs = b.instances.flatMap((r) => r.errors.map((e) => `- ${r.name}: ${e}`));
  if (errs.length) lines.push('', '**Check failures**', '', ...errs);
  return lines.join('\n') + '\n';
}
