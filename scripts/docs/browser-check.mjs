// Proves the docs site renders: opens the home page, every package page and a guide in headless
// Chromium (Debian's package, driven by playwright-core), fails on console errors and failed
// requests, searches for `evaluatePreconditions`, checks every internal link of every page on
// disk, and saves screenshots under artifacts/docs-screenshots/ (git-ignored).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';

const site = resolve('docs/site');
const shots = resolve('artifacts/docs-screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(join(site, 'index.html')))
  fail('docs/site is not built: run `pnpm run docs` first');
if (!existsSync(executablePath)) {
  const message = `Chromium not found at ${executablePath} (apt-get install chromium)`;
  if (process.env.CI) fail(message);
  console.log(`docs browser check skipped: ${message}`);
  process.exit(0);
}
mkdirSync(shots, { recursive: true });

function fail(message) {
  console.error(`docs browser check: ${message}`);
  process.exit(1);
}

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : path.endsWith('.html') ? [path] : [];
  });
}

// 1. Internal links, checked on disk for every page (fast, complete).
const pages = htmlFiles(site);
const broken = [];
const hrefPattern = /\bhref="([^"]*)"/g;
for (const page of pages) {
  for (const [, href] of readFileSync(page, 'utf8').matchAll(hrefPattern)) {
    if (!href || /^(?:[a-z][a-z0-9+.-]*:|#|\/\/)/i.test(href)) continue;
    const target = resolve(dirname(page), decodeURIComponent(href.split('#')[0].split('?')[0]));
    if (!target.startsWith(site) || !existsSync(target))
      broken.push(`${relative(site, page)} → ${href}`);
  }
}
if (broken.length)
  fail(`${broken.length} broken internal links:\n  ${broken.slice(0, 20).join('\n  ')}`);

// 2. Pages in a real browser.
const modulePages = pages.filter((page) => /[\\/]modules[\\/]_fielding_[^\\/]+\.html$/.test(page));
const guidePages = pages.filter((page) => /[\\/]documents[\\/][^\\/]+\.html$/.test(page));
if (modulePages.length === 0) fail('no package pages found under modules/');
if (guidePages.length === 0) fail('no guides found under documents/');
const toVisit = [
  'index.html',
  ...modulePages.map((page) => relative(site, page)),
  relative(site, guidePages[0]),
];

const server = await serveStatic(site);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error')
      problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });

  for (const path of toVisit) {
    await page.goto(`${origin}/${path}`, { waitUntil: 'networkidle' });
    const title = await page.title();
    if (!title) problems.push(`no <title> on ${path}`);
    const name = path.replace(/[\\/]/g, '_').replace(/\.html$/, '');
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
    console.log(`ok   rendered ${path} (${title})`);
  }

  // 3. The search box finds a function by name.
  await page.goto(`${origin}/index.html`, { waitUntil: 'networkidle' });
  await page.click('#tsd-search-trigger').catch(() => {});
  await page.click('#tsd-search-field').catch(() => {});
  await page.keyboard.type('evaluatePreconditions');
  const result = page
    .locator('#tsd-search-results li', { hasText: 'evaluatePreconditions' })
    .first();
  await result
    .waitFor({ timeout: 10_000 })
    .catch(() => problems.push('search did not find evaluatePreconditions'));
  await page.screenshot({ path: join(shots, 'search.png') });
  if (await result.count()) console.log('ok   search finds evaluatePreconditions');
} finally {
  await browser.close();
  server.close();
}

if (problems.length) fail(`${problems.length} problems:\n  ${problems.join('\n  ')}`);
console.log(
  `docs browser check: ${pages.length} pages, ${broken.length} broken links, ${toVisit.length} rendered, screenshots in ${relative(process.cwd(), shots)}/`,
);
