import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { offline, provider_login } from './idp';
import { appPort, oidcPort } from './ports';

test('sign in through a real OpenID Connect provider, end to end', async ({ page }) => {
  await offline(page);
  await page.goto('/sign-in');
  await page.getByRole('link', { name: /Test IdP/ }).click();
  await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:${oidcPort}/interaction/`));
  await provider_login(page, 'aoi');
  await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:${appPort}/$`));
  await expect(page.getByRole('banner').getByText('IdP aoi')).toBeVisible();

  // Signing in again (the provider remembers the person, so no login page)
  // finds the same account through the linked identity.
  await page.getByRole('banner').getByRole('button', { name: 'サインアウト' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'サインイン', exact: true })).toBeVisible();
  await page.goto('/sign-in');
  await page.getByRole('link', { name: /Test IdP/ }).click();
  await expect(page.getByRole('banner').getByText('IdP aoi')).toBeVisible();
});

/**
 * Starts a sign-in in this browser and lets the provider (where `login` is
 * already signed in) answer it, but stops before the answer reaches us:
 * returns the callback URL with its fresh code and the flow's state.
 */
async function unsent_callback(page: Page): Promise<URL> {
  const request = page.context().request;
  let res = await request.get('/auth/oidc/test/start', { maxRedirects: 0 });
  for (let hops = 0; hops < 10; hops++) {
    const location = new URL(res.headers()['location'], res.url());
    if (location.pathname === '/auth/oidc/test/callback') return location;
    res = await request.get(location.toString(), { maxRedirects: 0 });
  }
  throw new Error('the provider did not answer with a callback');
}

async function sign_in_and_out(page: Page, login: string) {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: /Test IdP/ }).click();
  await provider_login(page, login);
  await expect(page.getByRole('banner').getByText(`IdP ${login}`)).toBeVisible();
  await page.getByRole('banner').getByRole('button', { name: 'サインアウト' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'サインイン', exact: true })).toBeVisible();
}

test('a callback with the wrong state is refused', async ({ page }) => {
  await offline(page);
  await sign_in_and_out(page, 'mallory');
  const callback = await unsent_callback(page);
  callback.searchParams.set('state', 'forged');
  await page.goto(callback.toString());
  await expect(page).toHaveURL(/\/sign-in\?error=state$/);
  await expect(page.getByRole('alert')).toHaveText('サインインできませんでした。もう一度お試しください。');
  await expect(page.getByRole('banner').getByRole('link', { name: 'サインイン', exact: true })).toBeVisible();
});

test('a used authorization code is refused, and so is a replayed callback', async ({ page }) => {
  await offline(page);
  let callback = '';
  page.on('request', (req) => {
    if (req.url().includes('/auth/oidc/test/callback')) callback = req.url();
  });
  await page.goto('/sign-in');
  await page.getByRole('link', { name: /Test IdP/ }).click();
  await provider_login(page, 'ken');
  await expect(page.getByRole('banner').getByText('IdP ken')).toBeVisible();
  const used = new URL(callback);

  // Replaying the same callback: its flow was used up.
  await page.goto(callback);
  await expect(page).toHaveURL(/\/sign-in\?error=state$/);

  // A new flow with its own state, but the old, already redeemed code:
  // the provider refuses the exchange.
  await page.getByRole('banner').getByRole('button', { name: 'サインアウト' }).click();
  // Start a flow without following it, to learn its state (the request
  // shares the browser's cookies, so the flow is this browser's).
  const auth = await page.context().request.get('/auth/oidc/test/start', { maxRedirects: 0 });
  const state = new URL(auth.headers()['location']).searchParams.get('state');
  await page.goto(`/auth/oidc/test/callback?code=${used.searchParams.get('code')}&state=${state}`);
  await expect(page).toHaveURL(/\/sign-in\?error=provider$/);
  await expect(page.getByRole('banner').getByRole('link', { name: 'サインイン', exact: true })).toBeVisible();
});

test('an expired authorization code is refused', async ({ page }) => {
  await offline(page);
  await sign_in_and_out(page, 'late');
  const callback = await unsent_callback(page);
  // The provider's codes live 5 seconds (OIDC_CODE_TTL in provider.mjs).
  await page.waitForTimeout(6_500);
  await page.goto(callback.toString());
  await expect(page).toHaveURL(/\/sign-in\?error=provider$/);
  await expect(page.getByRole('alert')).toHaveText('サインインできませんでした。もう一度お試しください。');
  await expect(page.getByRole('banner').getByRole('link', { name: 'サインイン', exact: true })).toBeVisible();
});
