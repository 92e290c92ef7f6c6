// Helpers for signing in through the test OpenID Connect provider
// (end2end/oidc/provider.mjs).
import type { Page } from '@playwright/test';

// The provider's development pages load a web font from the internet, which
// this machine cannot reach: answer it with an empty stylesheet.
export async function offline(page: Page) {
  await page.route(/fonts\.googleapis\.com/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/css', body: '' }),
  );
}

/** Goes through the provider's login and consent pages as `login`. */
export async function provider_login(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}
