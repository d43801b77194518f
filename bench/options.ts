/**
 * Command-line options of the benchmark's smaller entries (`bench/unseen.ts`,
 * `bench/warm.ts`): integer options with their least value, and options that
 * take a word. A bad option ends the process with exit code 2 and one line.
 */

/**
 * Reads `argv` into `ints` (flag → [key, least value]) over `defaults`, and
 * hands words to `words` (flag → handler; a handler returns an error text or
 * undefined).
 *
 * @example
 * const o = parseOptions('warm', argv, { seeds: 15 }, { '--seeds': ['seeds', 1] }, {}, '--seeds N');
 */
export function parseOptions<K extends string>(
  tool: string,
  argv: readonly string[],
  defaults: Record<K, number>,
  ints: Readonly<Record<string, readonly [K, number]>>,
  words: Readonly<Record<string, (value: string) => string | undefined>>,
  expected: string,
): Record<K, number> {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1] ?? '';
    const word = words[flag];
    if (word) {
      const error = word(value);
      if (error) fail(tool, error);
      continue;
    }
    const int = ints[flag];
    const v = Number(value);
    if (!int || !Number.isInteger(v) || v < int[1]) fail(tool, `expected ${expected}, got ${flag} ${value}`.trim());
    out[int[0]] = v;
  }
  return out;
}

function fail(tool: string, message: string): never {
  console.error(`${tool}: ${message}`);
  process.exit(2);
}
