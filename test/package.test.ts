/**
 * The package as users get it: `npm pack`, install the tarball into a scratch
 * project (no devDependencies there), then `import` from ESM, `require` from
 * CommonJS, type-check consumers with `tsc` in both module systems, and run the
 * `plenary` bin. Every subpath export is exercised.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve('.');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; exports: Record<string, unknown>; dependencies: Record<string, string> };
const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
const specifiers = subpaths.map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
let dir = '';

function run(cmd: string, args: string[], cwd = dir) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'plenary-consumer-'));
  const packed = execFileSync('npm', ['pack', '--pack-destination', dir, '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const tarball = (JSON.parse(packed) as { filename: string }[])[0]!.filename;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
  const install = run('npm', ['install', '--prefer-offline', '--no-save', '--ignore-scripts', join(dir, tarball)]);
  if (install.code !== 0) throw new Error(`npm install of the tarball failed: ${install.stderr}`);
  mkdirSync(join(dir, 'data'));
  cpSync(join(root, 'examples/sg12-2021-05/meeting.json'), join(dir, 'data/meeting.json'));
  cpSync(join(root, 'examples/sg12-2021-05/draft-timetable.json'), join(dir, 'data/draft.json'));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships dist, README and LICENSE, and nothing from src/ or test/', () => {
    const r = run('npm', ['pack', '--dry-run', '--json'], root);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.cjs');
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('dist/cli-main.js');
    expect(files).toContain('README.md');
    expect(files).toContain('LICENSE');
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  });

  it('ships source maps that map stack traces to the sources without carrying a copy of them', () => {
    const dist = join(dir, 'node_modules/plenary/dist');
    for (const f of ['index.js', 'index.cjs', 'cli-main.js', 'solver-worker.js']) {
      const map = JSON.parse(readFileSync(join(dist, `${f}.map`), 'utf8')) as { sources: string[]; sourcesContent?: unknown };
      expect(map.sources.some((s) => s.startsWith('../src/'))).toBe(true);
      expect(map.sourcesContent).toBeUndefined();
    }
    const r = run(process.execPath, ['--enable-source-maps', '-e', "try { require('plenary').evaluate(null, null) } catch (e) { console.log(e.stack.split('\\n')[1]) }"]);
    expect(r.stdout).toMatch(/\/src\/[a-z/-]+\.ts:\d+:\d+\)$/m);
  });

  it('imports every entry from ESM and does real work', () => {
    const script = `
      const entries = ${JSON.stringify(specifiers)};
      for (const e of entries) {
        const m = await import(e);
        if (Object.keys(m).length === 0) throw new Error(e + ' exports nothing');
      }
      const { loadMeeting, check } = await import('plenary');
      const fs = await import('node:fs');
      const meeting = loadMeeting(JSON.parse(fs.readFileSync('data/meeting.json', 'utf8')));
      const r = check(meeting, JSON.parse(fs.readFileSync('data/draft.json', 'utf8')));
      console.log(r.status, meeting.sessions.length);
      // what defaultBudget, diagnose and countingBounds take
      const { compile, defaultBudget, countingBounds } = await import('plenary');
      console.log(defaultBudget(compile(meeting)).maxIterations > 0, countingBounds(meeting, compile(meeting)).length);
    `;
    const r = run(process.execPath, ['--input-type=module', '-e', script]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('feasible 48\ntrue 0');
  });

  it('requires every entry from CommonJS', () => {
    const script = `
      for (const e of ${JSON.stringify(specifiers)}) {
        const m = require(e);
        if (Object.keys(m).length === 0) throw new Error(e + ' exports nothing');
      }
      const { loadMeeting, SpecError } = require('plenary');
      try { loadMeeting({ format: 'nope' }); } catch (e) { console.log(e instanceof SpecError, e.issues[0].path.join('.')); }
      // a program with both builds loaded: the ESM class knows the CommonJS error, and the other way round
      import('plenary').then((esm) => {
        try { loadMeeting({}); } catch (e) { console.log(e instanceof esm.SpecError, esm.SpecError !== SpecError); }
        try { esm.loadMeeting({}); } catch (e) { console.log(e instanceof SpecError, e instanceof Error); }
      });
    `;
    const r = run(process.execPath, ['-e', script]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('true format\ntrue true\ntrue true');
  });

  it('type-checks ESM and CommonJS consumers with tsc', () => {
    const imports = specifiers.map((s, i) => `import * as m${i} from '${s}';\nvoid m${i};`).join('\n');
    writeFileSync(
      join(dir, 'esm.mts'),
      `${imports}\nimport { loadMeeting, type Meeting, type Timetable, type Score } from 'plenary';\nconst m: Meeting = loadMeeting({});\nconst s: Score | undefined = undefined as Timetable['score'] | undefined;\nvoid m; void s;\n// @ts-expect-error: not a function of the package\nimport { nothing } from 'plenary';\n`,
    );
    writeFileSync(join(dir, 'cjs.cts'), `import plenary = require('plenary');\nconst days: number = plenary.loadMeeting({}).days.length;\nvoid days;\n`);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['esm.mts', 'cjs.cts'] }),
    );
    const r = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('type-checks consumers with the legacy node10 and the bundler resolution (every subpath)', () => {
    const uses = `import { loadMeeting, type Meeting } from 'plenary';\nimport { spreadOf, type Spread } from 'plenary/tz';\nimport { renderCalendars, type CalendarFile } from 'plenary/ical';\nconst m: Meeting = loadMeeting({});\nconst f: (...a: never[]) => Spread = spreadOf; const g: (...a: never[]) => CalendarFile[] = renderCalendars;\nvoid m; void f; void g;\n// @ts-expect-error: not a function of the package\nimport { nothing } from 'plenary/tz';\n`;
    writeFileSync(join(dir, 'legacy.ts'), uses);
    for (const options of [
      { module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true }, // as `tsc --init` writes it (zod's declarations need it)
      { module: 'esnext', moduleResolution: 'bundler' },
    ]) {
      writeFileSync(
        join(dir, 'tsconfig.legacy.json'),
        JSON.stringify({ compilerOptions: { ...options, target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['legacy.ts'] }),
      );
      const r = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.legacy.json']);
      expect(`${options.moduleResolution}: ${r.stdout}${r.stderr}`).toBe(`${options.moduleResolution}: `);
      expect(r.code).toBe(0);
    }
  });

  it('runs the plenary bin', () => {
    const r = run(join(dir, 'node_modules/.bin/plenary'), ['check', 'data/meeting.json', 'data/draft.json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^feasible: /);
    const bad = run(join(dir, 'node_modules/.bin/plenary'), ['check', 'data/nope.json', 'data/draft.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('data/nope.json: (root): cannot read: no such file\n');
    // solve goes through the launcher's second process (dist/cli-main.js, found next to the linked bin)
    const solved = run(join(dir, 'node_modules/.bin/plenary'), ['solve', 'data/meeting.json', '--out', 'solved', '--iterations', '2000']);
    expect(solved.code).toBe(0);
    expect(solved.stdout).toMatch(/^feasible: hard 0 /);
    expect(existsSync(join(dir, 'solved/timetable.json'))).toBe(true);
  });

  it('needs no devDependency at run time', () => {
    const r = run('npm', ['ls', '--all', '--json']);
    const tree = JSON.parse(r.stdout) as { dependencies: Record<string, { dependencies?: Record<string, unknown> }> };
    const installed = Object.keys(tree.dependencies.plenary?.dependencies ?? {}).sort();
    expect(installed).toEqual(Object.keys(pkg.dependencies).sort());
  });
});
