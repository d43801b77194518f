import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments; unknown options and wrong counts are usage errors. */
export function parse(
  argv: readonly string[],
  options: Options,
  positionals: readonly string[],
  usage: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  // a negative number after an option that takes a value is that value (parseArgs would call it
  // ambiguous), so that it gets the option's own message: `--seed -1` → expected an integer >= 0
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    const long = a.startsWith('--') ? options[a.slice(2)] : undefined;
    if (long?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      args.push(`${a}=${next}`);
      i++;
    } else args.push(a);
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]}\nusage: ${usage}`);
  }
  const required = positionals.filter((p) => !p.endsWith('?'));
  if (parsed.positionals.length < required.length || parsed.positionals.length > positionals.length) {
    throw new UsageError(`expected ${positionals.map((p) => p.replace(/\?$/, '')).join(' ')}, got ${parsed.positionals.length} argument${parsed.positionals.length === 1 ? '' : 's'}\nusage: ${usage}`);
  }
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

/** An integer option value, or a usage error naming the option. */
export function intOption(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(`--${name}: expected an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
  if (!Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--${name}: expected an integer from ${min} to ${Number.MAX_SAFE_INTEGER}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}
