import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/**
 * The test fixture of every spec: fails the test on any console error or
 * uncaught page error, so a broken hydration cannot pass silently. The one
 * error allowed is the browser's note that a page it navigated to answered
 * with an error status (404, 403), or that a form's server function refused
 * its input (422): those tests ask for them and check what the person sees.
 */
export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    const problems: { text: string; url: string }[] = [];
    const missingDocuments = new Set<string>();
    page.on('response', (res) => {
      const refusedForm = res.status() === 422 && new URL(res.url()).pathname.startsWith('/api/');
      if ((res.request().resourceType() === 'document' && res.status() >= 400) || refusedForm) {
        missingDocuments.add(res.url());
      }
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push({ text: `console: ${msg.text()} [${msg.location().url}]`, url: msg.location().url });
    });
    page.on('pageerror', (err) => problems.push({ text: `page error: ${err.message}`, url: '' }));
    await use(page);
    const unexpected = problems.filter(
      (p) => !(p.text.startsWith('console: Failed to load resource') && missingDocuments.has(p.url)),
    );
    expect(unexpected.map((p) => p.text), 'no console or page errors').toEqual([]);
  },
});

export { expect };

/** Whether this project runs with JavaScript (and so with hydration). */
export function jsEnabled(testInfo: { project: { use: { javaScriptEnabled?: boolean } } }): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** Waits until the WASM has hydrated the page (see `hydrate()` in app/src/lib.rs). */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
}

/** The serious and critical axe-core violations on the page, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
