import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/**
 * The test fixture of every spec: fails the test on any console error or
 * uncaught page error, so a broken hydration cannot pass silently. The one
 * error allowed is the browser's note that a page it navigated to answered
 * with an error status (404, 403), that a form's server function refused
 * its input (422), or that a page's server function refused someone not
 * signed in or not allowed (401, 403): those tests ask for them and check
 * what the person sees.
 */
export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    const problems: string[] = [];
    // How many error answers of each status the test asked for. Chromium
    // reports each as "Failed to load resource: … status of N", but does not
    // reliably name the document in the message's location (it was seen
    // naming the page's stylesheet instead), so they are matched by status.
    const expectedErrors = new Map<number, number>();
    const errorAnswers: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) errorAnswers.push(`${res.status()} ${res.request().resourceType()} ${res.url()}`);
      // A server function refusing a form's input (422), or a page's data to
      // someone not signed in or not allowed (401, 403): once hydrated, the
      // browser navigates to such a page itself and its data call gets the
      // answer a document load gets before hydration (the WASM, served
      // precompressed, now often arrives before a test's first click).
      const refused = [401, 403, 422].includes(res.status()) && new URL(res.url()).pathname.startsWith('/api/');
      if ((res.request().resourceType() === 'document' && res.status() >= 400) || refused) {
        expectedErrors.set(res.status(), (expectedErrors.get(res.status()) ?? 0) + 1);
      }
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()} [${msg.location().url}]`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await use(page);
    const unexpected = problems.filter((text) => {
      const status = /^console: Failed to load resource: the server responded with a status of (\d+)/.exec(text);
      const left = status ? (expectedErrors.get(Number(status[1])) ?? 0) : 0;
      if (left === 0) return true;
      expectedErrors.set(Number(status![1]), left - 1);
      return false;
    });
    expect(unexpected, `no console or page errors (error answers seen: ${errorAnswers.join('; ') || 'none'})`).toEqual([]);
  },
});

export { expect };

/** Whether this project runs with JavaScript (and so with hydration). */
export function jsEnabled(testInfo: { project: { use: { javaScriptEnabled?: boolean } } }): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/**
 * Waits until the WASM has hydrated the page's islands (each marks the page
 * `data-hydrated`, see app/src/pages/application/autosave.rs). A page
 * without an island loads no script: there is nothing to wait for. A debug
 * build's WASM starts slowly on a busy two-core machine, hence `timeout`.
 */
export async function waitForHydration(page: Page, timeout = 15_000): Promise<void> {
  if ((await page.locator('leptos-island').count()) === 0) return;
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout });
}

/**
 * The serious and critical axe-core violations of `path` exactly as the
 * server sends it, for the project without JavaScript: axe is itself a
 * script, so it runs in a context with JavaScript on but the app's own JS
 * and WASM blocked (nothing hydrates or changes the markup). The context
 * takes `page`'s cookies, so pages behind sign-in are checked as that person.
 * `status` is the answer the page is expected to have (a 404 page is
 * checked too).
 */
export async function servedMarkupViolations(page: Page, path: string, status = 200): Promise<string[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser behind this page');
  const origin = new URL(page.url()).origin;
  const context = await browser.newContext({ locale: 'ja-JP', javaScriptEnabled: true });
  await context.addCookies(await page.context().cookies());
  const raw = await context.newPage();
  await raw.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  const response = await raw.goto(`${origin}${path}`);
  // Checked as the signed-in person, not as a refusal page.
  expect(response?.status(), path).toBe(status);
  await expect(raw.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
  const violations = await seriousViolations(raw);
  await context.close();
  return violations;
}

/** The serious and critical axe-core violations on the page, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
