/**
 * The `plenary` bin (dist/cli.js): runs the command line (dist/cli-main.js),
 * `solve` in a node started with {@link SOLVE_NODE_FLAGS} (see runtime.ts).
 * The relaunched process shares stdin, stdout and stderr; its exit code, or
 * the signal that ended it, is this process's; SIGINT, SIGTERM and SIGHUP
 * sent to this process are passed on, so that it never outlives the bin.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { needsRelaunch, SOLVE_NODE_FLAGS } from './runtime.js';

const entry = new URL('./cli-main.js', import.meta.url);
const argv = process.argv.slice(2);

if (needsRelaunch(argv, process.execArgv, process.env)) {
  const child = spawn(process.execPath, [...SOLVE_NODE_FLAGS, ...process.execArgv, fileURLToPath(entry), ...argv], { stdio: 'inherit' });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const pass = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const s of signals) process.on(s, pass);
  child.on('error', (e) => {
    process.stderr.write(`plenary: cannot start node (${process.execPath}): ${e.message}\n`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, pass);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
} else {
  await import(entry.href);
}
