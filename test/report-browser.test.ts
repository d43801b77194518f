/**
 * The report in a real browser: Debian's headless Chromium driven by
 * playwright-core. The page must load from file:// with no console error and
 * no request to anywhere else, show every session of the timetable and a heat
 * map cell for every zone and hour. Screenshots go to test/.tmp/ (git-ignored).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMeeting } from '../src/index.js';
import type { Timetable } from '../src/index.js';
import { renderOutputs } from '../src/export/outputs.js';
import { audienceOf } from '../src/tz/index.js';

const CHROMIUM = process.env.PLENARY_CHROMIUM ?? '/usr/bin/chromium';
const skip = process.env.PLENARY_SKIP_BROWSER === '1';
const OUT = resolve('test/.tmp');

const sg12 = loadMeeting(JSON.parse(readFileSync('examples/sg12-2021-05/meeting.json', 'utf8')));
const draft = JSON.parse(readFileSync('examples/sg12-2021-05/draft-timetable.json', 'utf8')) as Timetable;

describe.skipIf(skip)('report.html in headless Chromium', () => {
  let context: BrowserContext;
  let profile: string;
  const file = join(OUT, 'report-sg12.html');

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or PLENARY_SKIP_BROWSER=1 to skip)`);
    mkdirSync(OUT, { recursive: true });
    const report = renderOutputs(sg12, draft, { stamp: 0 }).find((f) => f.path === 'report.html')!;
    writeFileSync(file, report.content);
    profile = mkdtempSync(join(tmpdir(), 'plenary-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('loads with no console error and fetches nothing else', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.route(/^(?!file:)/, (route) => route.abort());
    const url = pathToFileURL(file).href;
    const res = await page.goto(url, { waitUntil: 'load' });
    expect(res?.ok() ?? true).toBe(true);
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.title()).toContain('ITU-T Study Group 12');
    await page.close();
  });

  it('shows every session and a heat map cell for every zone and hour, then takes a screenshot', async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    for (const s of draft.sessions) {
      const el = page.locator(`#plan [data-session="${s.id}"]`);
      expect(await el.count()).toBe(1);
      expect(await el.isVisible()).toBe(true);
      expect((await el.textContent())?.trim().length).toBeGreaterThan(0);
    }
    const cells = await page.$$eval('#heatmap rect.cell', (rs) => rs.map((r) => `${r.getAttribute('data-zone')}|${r.getAttribute('data-hour')}`));
    const zones = audienceOf(sg12).zones.map((z) => z.zone);
    const expected = zones.flatMap((z) => Array.from({ length: 24 }, (_, h) => `${z}|${h}`));
    expect([...cells].sort()).toEqual([...expected].sort());
    // the cells are really drawn: each has a size on screen
    const sizes = await page.$$eval('#heatmap rect.cell', (rs) => rs.map((r) => r.getBoundingClientRect()).filter((b) => b.width > 5 && b.height > 5).length);
    expect(sizes).toBe(expected.length);
    expect(await page.locator('#spread table.spread').isVisible()).toBe(true);
    expect(await page.locator('#milestones li').count()).toBe(sg12.milestones.length);
    const shot = join(OUT, 'report-sg12.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    await page.close();
  });

  it('fits a phone screen and prints', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(pathToFileURL(file).href);
    // the page itself does not scroll sideways: wide parts scroll inside their own box
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    // on a phone the plan becomes one card per day: the first session is readable without scrolling sideways
    const box = await page.locator('#plan [data-session="sg12-opening"]').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(OUT, 'report-sg12-phone.png') });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    writeFileSync(join(OUT, 'report-sg12.pdf'), pdf);
    expect(pdf.length).toBeGreaterThan(20_000);
    await page.close();
  });
});
