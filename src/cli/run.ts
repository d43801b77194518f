/**
 * `plenary`: the command line. Thin: reads files, calls the library, writes
 * files, sets the exit code (SPEC §8). Bad input gives one line per problem,
 * never a stack trace.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { SpecError } from '../spec/errors.js';
import type { Command } from './command.js';
import { EXIT } from './command.js';
import { FS_WORDS, InputProblems, UsageError } from './io.js';
import { commands } from './commands/index.js';

function help(): string {
  const lines = ['plenary — timetables for virtual meetings across time zones', '', 'usage:'];
  for (const c of commands) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push('', 'exit codes: 0 ok/feasible, 2 bad input, 3 infeasible');
  return lines.join('\n');
}

/**
 * One line for a file-system error: for ENOTDIR (a file where a directory is
 * needed, `--out` naming a file, say), the file in the way; otherwise the path
 * and the problem in words, node's own text for the rare others.
 */
function fsProblem(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOTDIR' && err.path) {
    for (let p = err.path; p !== dirname(p); p = dirname(p)) {
      try {
        if (!statSync(p).isDirectory()) return `${p}: is a file, expected a directory`;
      } catch {
        // not there (yet): look further up
      }
    }
  }
  const words = err.code ? FS_WORDS[err.code] : undefined;
  if (words && err.path) return `${err.path}: ${words}`;
  return `${err.path ? `${err.path}: ` : ''}${err.message.split('\n')[0]}`;
}

/** Runs the command line with `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(`${help()}\n`);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${__PLENARY_VERSION__}\n`);
    return EXIT.ok;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`plenary: unknown command ${JSON.stringify(name)}: expected one of ${commands.map((c) => c.name).join(', ')}\n`);
    return EXIT.badInput;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof SpecError) {
      for (const line of e.lines()) process.stderr.write(`${line}\n`);
      return EXIT.badInput;
    }
    if (e instanceof UsageError || e instanceof InputProblems) {
      // one line per problem: an option's after the command's name, a file's as it names its file; the usage line as it is
      const lines = e instanceof InputProblems ? e.problems : e.message.split('\n').map((text) => ({ text, ofFile: false }));
      for (const { text, ofFile } of lines) process.stderr.write(ofFile || text.startsWith('usage: ') ? `${text}\n` : `plenary ${command.name}: ${text}\n`);
      return EXIT.badInput;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code)) {
      process.stderr.write(`plenary ${command.name}: ${fsProblem(err)}\n`);
      return EXIT.badInput;
    }
    process.stderr.write(`plenary ${command.name}: internal error: ${(e as Error)?.message?.split('\n')[0] ?? String(e)} (set PLENARY_DEBUG=1 for details)\n`);
    if (process.env.PLENARY_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    return EXIT.internal;
  }
}

declare const __PLENARY_VERSION__: string;
