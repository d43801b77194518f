#!/usr/bin/env node
// `npm run bench`: bundles the TypeScript benchmark with esbuild (installed with
// tsup) into bench/results/.build/ and runs it with node, passing the arguments on.
// `node bench/launch.mjs --entry bench/other.ts …` runs another entry the same way.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let entry = path.join(here, 'run.ts');
const at = args.indexOf('--entry');
if (at >= 0) {
  entry = path.resolve(args[at + 1]);
  args.splice(at, 2);
}
const outdir = path.join(here, 'results', '.build');
// run.ts spawns child.ts for each measured run: bundle both.
const entries = entry === path.join(here, 'run.ts') ? [entry, path.join(here, 'child.ts')] : [entry];
await build({
  entryPoints: entries,
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  external: ['highs'],
  define: { __PLENARY_VERSION__: '"bench"' },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
const out = path.join(outdir, path.basename(entry).replace(/\.ts$/, '.mjs'));
const r = spawnSync(process.execPath, ['--enable-source-maps', out, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
