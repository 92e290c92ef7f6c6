// The weight of each page type as a phone on a mobile network first loads
// it: the JS and WASM bytes transferred (compressed, as served) and the
// time until the page is interactive (its islands hydrated; a page without
// an island loads no script and is interactive once loaded), under a 4x CPU slowdown
// and a slow mobile network (Chrome DevTools' "Slow 4G": 150 ms latency,
// 1.6 Mbit/s down). Each page is opened in a fresh browser context, so
// nothing comes from the cache.
//
//   node scripts/page-weight.mjs http://127.0.0.1:3000
//
// The server must serve the demo data with demo sign-in on (`make run`, or
// scripts/bench.sh's server). Prints one line per page and the largest
// figures against the budget of issue 21: 300 KB for any page, 100 KB for
// the public catalogue pages.
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const budget = { any: 300 * 1024, catalogue: 100 * 1024 };
const network = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const cpuSlowdown = 4;
const interactiveTimeout = 180_000;

/** One page of each type, by who opens it (a demo account's email). */
const visits = [
  { who: null, catalogue: true, paths: ['/', '/programmes/camp', '/programmes/connect/2027', '/programmes/connect/2027/tracks/automotive'] },
  { who: null, catalogue: false, paths: ['/sign-in', '/alumni', '/events'] },
  { who: 'demo-applicant@example.jp', paths: ['/account', '/programmes/connect/2027/tracks/ai/apply'] },
  { who: 'demo-alumnus@example.jp', paths: ['/account/alumni', '/alumni?q=a'] },
  { who: 'demo-lecturer@example.jp', paths: ['/review'] },
  { who: 'demo-organiser@example.jp', paths: ['/manage/connect/2027/tracks/ai/review', '/manage/connect/2027/tracks/ai/meeting', '/manage/connect/2027/tracks/ai/questions', '/manage/connect/2027/dashboard', '/manage/outbox'] },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** The cookies of `who` signed in through the demo sign-in. */
async function signedIn(who) {
  if (!who) return undefined;
  const context = await browser.newContext();
  const res = await context.request.post(`${base}/auth/demo`, {
    form: { email: who },
    headers: { 'sec-fetch-site': 'same-origin', origin: base },
    maxRedirects: 0,
  });
  if (res.status() >= 400) throw new Error(`demo sign-in of ${who}: ${res.status()}`);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** Loads `path` in a fresh context: script bytes and time to interactive. */
async function weigh(path, storageState) {
  const context = await browser.newContext({ storageState, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  // Records when an island marks the page hydrated (app/src/pages/application/autosave.rs).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.documentElement.dataset.hydrated === 'true') {
        window.__interactiveAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  const kinds = new Map();
  let scriptBytes = 0;
  let allBytes = 0;
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    const script = type === 'Script' || /javascript|wasm/.test(response.mimeType) || /\.(js|wasm)(\?|$)/.test(response.url);
    kinds.set(requestId, script);
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    allBytes += encodedDataLength;
    if (kinds.get(requestId)) scriptBytes += encodedDataLength;
  });
  await page.goto(base + path, { waitUntil: 'load', timeout: interactiveTimeout });
  let interactive = null;
  const islands = await page.locator('leptos-island').count();
  try {
    if (islands === 0) {
      // Nothing to hydrate: the served page is the interactive page.
      interactive = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
    } else {
      await page.waitForFunction(() => window.__interactiveAt !== undefined, null, { timeout: interactiveTimeout, polling: 100 });
      interactive = await page.evaluate(() => window.__interactiveAt);
    }
  } catch {
    // Reported as not interactive within the time limit.
  }
  await context.close();
  return { scriptBytes, allBytes, interactive, islands };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let worst = { any: 0, catalogue: 0 };
let slowest = 0;
for (const { who, catalogue, paths } of visits) {
  const state = await signedIn(who);
  for (const path of paths) {
    const { scriptBytes, allBytes, interactive, islands } = await weigh(path, state);
    worst.any = Math.max(worst.any, scriptBytes);
    if (catalogue) worst.catalogue = Math.max(worst.catalogue, scriptBytes);
    if (interactive !== null) slowest = Math.max(slowest, interactive);
    const when = interactive === null
      ? `not interactive within ${interactiveTimeout / 1000} s`
      : `${islands === 0 ? 'no island, loaded' : 'interactive'} at ${(interactive / 1000).toFixed(1)} s`;
    console.log(`page ${path}${who ? ` (${who.replace(/@.*/, '')})` : ''}: JS+WASM ${kb(scriptBytes)} transferred (all ${kb(allBytes)}), ${when}`);
  }
}
const verdict = (n, limit) => (n <= limit ? 'within' : 'OVER');
console.log(`largest JS+WASM of any page: ${kb(worst.any)} (${verdict(worst.any, budget.any)} the ${kb(budget.any)} budget); of a catalogue page: ${kb(worst.catalogue)} (${verdict(worst.catalogue, budget.catalogue)} ${kb(budget.catalogue)}); slowest to interactive: ${(slowest / 1000).toFixed(1)} s (${cpuSlowdown}x CPU, Slow 4G)`);
await browser.close();
