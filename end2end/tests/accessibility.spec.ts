import { test, expect, jsEnabled, seriousViolations, waitForHydration } from './fixtures';

const pages = [
  '/',
  '/programmes/camp',
  '/programmes/connect/2027',
  '/programmes/connect/2027?field=ai',
  '/programmes/connect/2027/tracks/automotive',
  '/programmes/camp/2026/tracks/cryptography',
  '/no-such-page',
  '/sign-in',
  '/manage/connect',
];


for (const path of pages) {
  test(`axe: no serious or critical violations on ${path}`, async ({ page, browser, baseURL }, testInfo) => {
    if (jsEnabled(testInfo)) {
      await page.goto(path);
      await waitForHydration(page);
      expect(await seriousViolations(page)).toEqual([]);
      return;
    }
    // axe-core is itself a script, so it cannot run where JavaScript is off.
    // It checks the same thing here: the page exactly as served, with the
    // app's JS and WASM blocked so nothing hydrates or changes the markup.
    const context = await browser.newContext({ baseURL, locale: 'ja-JP', javaScriptEnabled: true });
    const raw = await context.newPage();
    await raw.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    await raw.goto(path);
    await expect(raw.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
    expect(await seriousViolations(raw)).toEqual([]);
    await context.close();
  });
}
