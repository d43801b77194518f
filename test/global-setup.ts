/**
 * Builds `dist/` once before the tests that run the built package (the bin,
 * worker threads, the packaging test), unless it is newer than every source.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const stamp = 'dist/cli.js';
  const sources = Math.max(newest('src'), statSync('tsup.config.ts').mtimeMs, statSync('package.json').mtimeMs);
  if (existsSync(stamp) && statSync(stamp).mtimeMs > sources && existsSync('dist/index.cjs')) return;
  execFileSync(process.execPath, ['node_modules/tsup/dist/cli-default.js'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
