/**
 * How `plenary solve` runs node. V8 compiles hot code on a pool of background
 * threads, four by default whatever the machine; on two cores, those four take
 * most of the core the search runs on for its first few hundred milliseconds
 * (a fresh 100 ms run of the benchmark's S2 did 8,400 iterations instead of
 * 18,000 with the pool sized to the machine). `--v8-pool-size=0` lets Node size
 * the pool by the cores it may use (one fewer than them), so `solve` is run in
 * a node started with it, unless the user chose a pool size themselves.
 */

/** Node options `plenary solve` runs with (the benchmark's timed runs too). */
export const SOLVE_NODE_FLAGS: readonly string[] = ['--v8-pool-size=0'];

/**
 * Whether the `plenary` bin should run `argv` in a node started with
 * {@link SOLVE_NODE_FLAGS}: only `solve`, only when neither the node options
 * (`execArgv`) nor `NODE_OPTIONS` set the pool size already, and not under a
 * debugger (its port would be taken twice).
 *
 * @example
 * needsRelaunch(['solve', 'meeting.json'], [], {}) // true
 * needsRelaunch(['check', 'meeting.json', 'timetable.json'], [], {}) // false
 */
export function needsRelaunch(argv: readonly string[], execArgv: readonly string[], env: Readonly<Record<string, string | undefined>>): boolean {
  if (argv[0] !== 'solve') return false;
  const options = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  return !options.some((o) => o.startsWith('--v8-pool-size') || o.startsWith('--inspect') || o.startsWith('--debug'));
}
