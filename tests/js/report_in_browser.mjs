// Opens an HTML report from a file in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core: no browser is downloaded) and writes what a test needs to judge it:
//   node report_in_browser.mjs REPORT.html SHOT.png FACTS.json
// SHOT.png: a screenshot of the whole page. FACTS.json: every console message and page error,
// every request the page made (a self-contained report makes none but its own file), and where on
// the screenshot the first face picture and the first chart are (CSS pixels, scale 1).
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [reportPath, shotPath, factsPath] = process.argv.slice(2);
if (!reportPath || !shotPath || !factsPath) {
  console.error('usage: node report_in_browser.mjs REPORT.html SHOT.png FACTS.json');
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), 'mnsim-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1100, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const facts = { console: [], pageErrors: [], requests: [], face: null, chart: null, title: '' };
try {
  const page = browser.pages()[0] || (await browser.newPage());
  page.on('console', (m) => facts.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => facts.pageErrors.push(String(e)));
  page.on('request', (r) => facts.requests.push(r.url()));
  const url = pathToFileURL(resolve(reportPath)).href;
  await page.goto(url, { waitUntil: 'load' });
  facts.title = await page.title();
  const box = async (selector) => {
    const handle = await page.$(selector);
    if (!handle) return null;
    await handle.scrollIntoViewIfNeeded();
    return await handle.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height,
               loaded: el.tagName !== 'IMG' || (el.complete && el.naturalWidth > 0) };
    });
  };
  facts.face = await box('figure img');
  facts.chart = await box('figure.chart svg');
  facts.requests = facts.requests.filter((u) => u !== url && !u.startsWith('data:'));
  await page.screenshot({ path: shotPath, fullPage: true });
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
writeFileSync(factsPath, JSON.stringify(facts, null, 1));
