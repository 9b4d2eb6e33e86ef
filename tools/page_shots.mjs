// Pictures of mnsim's HTML pages for the docs, as headless Chromium shows them (Debian's chromium,
// driven by playwright-core from tests/js):
//   node tools/page_shots.mjs PAGE.html OUT.png [SELECTOR] [HEIGHT]
// The page at 1050 px wide: from its top, or from the element SELECTOR matches, HEIGHT px tall
// (default 1300).
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(resolve(here, '../tests/js/package.json'));
const { chromium } = require('playwright-core');
const [page, out, selector, height = '1300'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const tab = await browser.newPage({ viewport: { width: 1050, height: 900 } });
  await tab.goto(pathToFileURL(resolve(page)).href);
  const top = selector ? await tab.$eval(selector, (e) => e.getBoundingClientRect().top + window.scrollY - 12) : 0;
  const total = await tab.evaluate(() => document.body.scrollHeight);
  const clip = { x: 0, y: top, width: 1050, height: Math.min(Number(height), total - top) };
  await tab.screenshot({ path: out, clip, fullPage: true });
} finally {
  await browser.close();
}
console.log(out);
