import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/** What every bundle shares. */
const base = {
  // maps for stack traces (`node --enable-source-maps`) without a copy of the sources in them: the package's
  // unpacked size falls from 5.6 MB to about 2.5 MB; a debugger wanting the sources finds them in the repository
  sourcemap: true,
  esbuildOptions(options: { sourcesContent?: boolean }) {
    options.sourcesContent = false;
  },
  clean: false, // `npm run build` empties dist first; the test set-up rebuilds in place
  target: 'node20',
  platform: 'node',
} as const;

export default defineConfig([
  {
    // The library: ESM and CommonJS with declarations for both.
    ...base,
    entry: { index: 'src/index.ts', ical: 'src/export/ical/index.ts', tz: 'src/tz/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    splitting: false,
    treeshake: true,
  },
  {
    // The solver's worker thread for `solveParallel` / `--workers` (ESM), found next to index.js, index.cjs and cli.js.
    ...base,
    entry: { 'solver-worker': 'src/solver/worker.ts' },
    format: ['esm'],
    dts: false,
  },
  {
    // The command line (ESM): cli-main.js runs it; cli.js, the package's `bin`, is a small launcher that
    // loads cli-main.js, or for `solve` runs it in a node with a pool of compiler threads sized to the
    // machine (src/cli/runtime.ts).
    ...base,
    entry: { 'cli-main': 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    define: { __PLENARY_VERSION__: JSON.stringify(version) },
  },
  {
    ...base,
    entry: { cli: 'src/cli/launch.ts' },
    format: ['esm'],
    dts: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
