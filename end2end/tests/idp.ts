// Helpers for signing in through the test identity providers: the OpenID
// Connect provider (end2end/oidc/provider.mjs) and the fake GitHub
// (end2end/oidc/github.mjs).
import type { Page } from '@playwright/test';
import { githubPort } from './ports';

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

const fakeGitHub = `http://127.0.0.1:${githubPort}`;

/** Makes the fake GitHub answer as user `id` with `login`. */
export async function as_github_user(page: Page, id: number, login: string) {
  await page.context().addCookies([
    { name: 'gh_id', value: String(id), url: fakeGitHub },
    { name: 'gh_login', value: login, url: fakeGitHub },
  ]);
}
