/**
 * Comfort classes: the meeting's comfort profile (SPEC §4, a penalty per local
 * hour) read as words a planner uses.
 *
 * | class     | penalty of the local hour            | default profile          |
 * |-----------|--------------------------------------|--------------------------|
 * | `working` | 0                                    | 08:00–17:59              |
 * | `early`   | 1 to 5, local hour before 12:00      | 06:00–07:59              |
 * | `late`    | 1 to 5, local hour from 12:00 on     | 18:00–21:59              |
 * | `night`   | 6 or more                            | 22:00–05:59              |
 *
 * A zone's class for a block is the class of its worst minute (the highest
 * penalty met inside the block): 07:30–09:00 is `early`, 17:30–19:00 `late`,
 * 21:30–23:00 `night`.
 */

/**
 * A comfort class of a local time.
 *
 * @example
 * const cls: ComfortClass = classOfHour(DEFAULT_COMFORT, 20); // 'late'
 */
export type ComfortClass = 'working' | 'early' | 'late' | 'night';

/**
 * The classes, from best to worst (the order of every table).
 *
 * @example
 * for (const c of COMFORT_CLASSES) console.log(c, block.classes[c].share); // working, early, late, night
 */
export const COMFORT_CLASSES: readonly ComfortClass[] = Object.freeze(['working', 'early', 'late', 'night']);

/**
 * The lowest penalty that counts as `night`.
 *
 * @example
 * const night = DEFAULT_COMFORT.filter((p) => p >= NIGHT_PENALTY).length; // 8 hours of the default profile
 */
export const NIGHT_PENALTY = 6;

/**
 * A count for each class.
 *
 * @example
 * const heads: ByClass<number> = { working: 99, early: 8, late: 1, night: 12 };
 */
export type ByClass<T> = Record<ComfortClass, T>;

/**
 * The class of a local hour (0..23) under a comfort profile.
 *
 * @example
 * classOfHour(DEFAULT_COMFORT, 3)  // 'night'   (penalty 10)
 * classOfHour(DEFAULT_COMFORT, 7)  // 'early'   (penalty 1)
 * classOfHour(DEFAULT_COMFORT, 10) // 'working' (penalty 0)
 * classOfHour(DEFAULT_COMFORT, 20) // 'late'    (penalty 3)
 */
export function classOfHour(profile: readonly number[], hour: number): ComfortClass {
  return classOfPenalty(profile[hour] ?? 0, hour);
}

/**
 * The class of a penalty met at a local hour.
 *
 * @example
 * classOfPenalty(0, 10) // 'working'
 * classOfPenalty(3, 6)  // 'early'
 * classOfPenalty(6, 22) // 'night'
 */
export function classOfPenalty(penalty: number, hour: number): ComfortClass {
  if (penalty <= 0) return 'working';
  if (penalty >= NIGHT_PENALTY) return 'night';
  return hour < 12 ? 'early' : 'late';
}

/**
 * A record with one value per class.
 *
 * @example
 * byClass(() => 0) // { working: 0, early: 0, late: 0, night: 0 }
 */
export function byClass<T>(f: (c: ComfortClass) => T): ByClass<T> {
  return { working: f('working'), early: f('early'), late: f('late'), night: f('night') };
}

/**
 * How bad a class is (0 best), to pick the worst one.
 *
 * @example
 * severity('night') > severity('late') // true
 */
export function severity(c: ComfortClass): number {
  return c === 'working' ? 0 : c === 'night' ? 2 : 1;
}
