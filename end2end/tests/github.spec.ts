import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { appPort } from './ports';
import { as_github_user } from './idp';

// Sign-in with GitHub against the fake in end2end/oidc/github.mjs, which
// approves at once as the user its cookies name. Each test and project
// (js, no-js) uses its own GitHub user, so runs in parallel never share an
// account.

/** A user id of this test's own, different in each project. */
function user_id(base: number, testInfo: TestInfo): number {
  return base + (testInfo.project.name === 'js' ? 0 : 1);
}

async function sign_in_with_github(page: Page) {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: /GitHub/ }).click();
}

const banner = (page: Page) => page.getByRole('banner');

test('sign in with GitHub, end to end; a renamed GitHub user finds the same account', async ({ page }, testInfo) => {
  const login = `aki-${testInfo.project.name}`;
  const id = user_id(510_000, testInfo);
  await as_github_user(page, id, login);
  await sign_in_with_github(page);
  await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:${appPort}/$`));
  await expect(banner(page).getByText(`GitHub ${login}`)).toBeVisible();

  // The same GitHub account under a new login (and so a new email) signs in
  // to the account made before: identities are matched by the numeric id.
  await banner(page).getByRole('button', { name: 'サインアウト' }).click();
  await expect(banner(page).getByRole('link', { name: 'サインイン', exact: true })).toBeVisible();
  await as_github_user(page, id, `${login}-renamed`);
  await sign_in_with_github(page);
  await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:${appPort}/$`));
  await expect(banner(page).getByText(`GitHub ${login}`)).toBeVisible();
  await expect(banner(page).getByText(`GitHub ${login}-renamed`)).toHaveCount(0);
});

test('a GitHub callback with a forged state is refused', async ({ page }, testInfo) => {
  await as_github_user(page, user_id(520_000, testInfo), `mallory-${testInfo.project.name}`);
  // Start a flow in this browser and let the fake GitHub answer it, without
  // following the answer back: the callback URL with a fresh code.
  const request = page.context().request;
  const start = await request.get('/auth/github/start', { maxRedirects: 0 });
  expect(start.status()).toBe(303);
  const authorize = await request.get(start.headers()['location'], { maxRedirects: 0 });
  expect(authorize.status()).toBe(302);
  const callback = new URL(authorize.headers()['location']);
  expect(callback.pathname).toBe('/auth/github/callback');
  expect(callback.searchParams.get('state')).toBeTruthy();

  callback.searchParams.set('state', 'forged');
  await page.goto(callback.toString());
  await expect(page).toHaveURL(/\/sign-in\?error=state$/);
  await expect(page.getByRole('alert')).toHaveText('サインインできませんでした。もう一度お試しください。');
  await expect(banner(page).getByRole('link', { name: 'サインイン', exact: true })).toBeVisible();
});

test('a GitHub account without a verified email is refused', async ({ page }, testInfo) => {
  await as_github_user(page, user_id(530_000, testInfo), `unverified-${testInfo.project.name}`);
  await sign_in_with_github(page);
  await expect(page).toHaveURL(/\/sign-in\?error=no-email$/);
  await expect(page.getByRole('alert')).toHaveText(
    'サインイン先から確認済みのメールアドレスを受け取れませんでした。サインイン先でメールアドレスを確認してから、もう一度お試しください。',
  );
  await expect(banner(page).getByRole('link', { name: 'サインイン', exact: true })).toBeVisible();
});
