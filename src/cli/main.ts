/** The command line's entry (dist/cli-main.js), loaded or run by the `plenary` bin (dist/cli.js, launch.ts). */
import { EXIT } from './command.js';
import { main } from './run.js';

// A reader that went away (`plenary spread SPEC --json | head`) loses the rest of the output quietly,
// instead of an unhandled EPIPE with a stack trace; the command still finishes its work (a solve still
// writes its files) and keeps its exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`plenary: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = EXIT.internal;
  },
);
