/**
 * The benchmark instances: SG12 (the example in the repository), three
 * SG12-like study group meetings (S), an IETF-like week in two versions (M1;
 * M2 with attendance within areas, which HiGHS can prove) and a two-week
 * conference (L). Every generated instance is deterministic (seeded, no
 * `Math.random()`) and feasible by construction: it comes with the hidden
 * placement it was built around.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMeeting } from '../src/spec/read.js';
import type { Meeting } from '../src/model/types.js';
import type { Starts } from '../src/timetable/types.js';
import type { Slot } from './layout.js';
import { studyGroup } from './gen-study-group.js';
import { conference, lShape, mProvableShape, mShape } from './gen-conference.js';

/** Size classes of the benchmark. */
export type Size = 'SG12' | 'S' | 'M' | 'L';

/** One benchmark instance, made on demand. */
export interface InstanceDef {
  /** `SG12`, `S1`, `S2`, `S3`, `M1`, `M2`, `L1` */
  readonly name: string;
  readonly size: Size;
  /** The spec (`plenary.meeting/1`, or the SG12 preset) and, for generated ones, the hidden feasible placement. */
  make(): { spec: unknown; hidden: Readonly<Record<string, Slot>> | undefined };
}

/**
 * The repository's root: the nearest folder above this file holding `examples/` (also from a bundle in bench/results/).
 *
 * @example
 * path.join(repoRoot(), 'bench', 'results')
 */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'examples', 'sg12-2021-05'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (examples/sg12-2021-05)');
    dir = up;
  }
  return dir;
}

const SG12_FILE = 'examples/sg12-2021-05/meeting.json';

/** Every instance of the benchmark, in the order of its table. */
export const INSTANCES: readonly InstanceDef[] = [
  { name: 'SG12', size: 'SG12', make: () => ({ spec: JSON.parse(readFileSync(path.join(repoRoot(), SG12_FILE), 'utf8')) as unknown, hidden: undefined }) },
  ...[1, 2, 3].map((seed): InstanceDef => ({ name: `S${seed}`, size: 'S', make: () => studyGroup(seed) })),
  { name: 'M1', size: 'M', make: () => conference(mShape(1), 1) },
  // M1's sessions and rules, attendance within areas: calibrated so that HiGHS can prove its optimum
  { name: 'M2', size: 'M', make: () => conference(mProvableShape(1), 1) },
  { name: 'L1', size: 'L', make: () => conference(lShape(1), 1) },
];

/**
 * The instances whose name or size is in `only` (`['S', 'M1']`), all when empty.
 *
 * @example
 * selectInstances(['S']).map((d) => d.name) // ['S1', 'S2', 'S3']
 */
export function selectInstances(only: readonly string[]): InstanceDef[] {
  if (only.length === 0) return [...INSTANCES];
  const want = new Set(only.map((s) => s.toUpperCase()));
  const unknown = [...want].filter((w) => !INSTANCES.some((d) => d.name.toUpperCase() === w || d.size === w));
  if (unknown.length) throw new Error(`unknown instance ${unknown.join(', ')}: expected one of ${INSTANCES.map((d) => d.name).join(', ')} or a size S, M, L, SG12`);
  return INSTANCES.filter((d) => want.has(d.name.toUpperCase()) || want.has(d.size));
}

/** A loaded instance. */
export interface Loaded {
  readonly def: InstanceDef;
  readonly meeting: Meeting;
  /** Start instants of the hidden feasible placement (generated instances only). */
  readonly hidden: Starts | undefined;
}

/**
 * Makes and loads an instance (through `loadMeeting`, like any user spec).
 *
 * @example
 * const { meeting } = loadInstance(INSTANCES[1]!);
 */
export function loadInstance(def: InstanceDef): Loaded {
  const { spec, hidden } = def.make();
  const meeting = loadMeeting(spec, `${def.name}.json`);
  return { def, meeting, hidden: hidden ? hiddenStarts(meeting, hidden) : undefined };
}

/**
 * Start instants of a hidden placement.
 *
 * @example
 * evaluate(meeting, hiddenStarts(meeting, studyGroup(1).hidden)).status // 'feasible'
 */
export function hiddenStarts(meeting: Meeting, hidden: Readonly<Record<string, Slot>>): Starts {
  return meeting.sessions.map((s) => {
    const slot = hidden[s.id];
    if (!slot) return undefined;
    return meeting.instances[slot.day * meeting.blocks.length + slot.block]!.start + slot.offset;
  });
}

/**
 * Instance by name.
 *
 * @example
 * loadInstance(instanceByName('S1'))
 */
export function instanceByName(name: string): InstanceDef {
  const d = INSTANCES.find((x) => x.name === name);
  if (!d) throw new Error(`unknown instance ${name}`);
  return d;
}
