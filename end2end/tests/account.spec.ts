import { readFile } from 'node:fs/promises';
import { test, expect, jsEnabled, seriousViolations, waitForHydration } from './fixtures';
import { as_github_user, offline, provider_login } from './idp';

// Each run signs up a fresh person through the test identity provider, so
// editing and deleting never touch the demo accounts other specs rely on.
test('my account: edit the profile, link and unlink sign-in methods, download my data, delete', async ({ page }, testInfo) => {
  const login = `acct-${testInfo.project.name}-${Date.now()}`;
  await offline(page);
  await page.goto('/sign-in');
  await page.getByRole('link', { name: /Test IdP/ }).click();
  await provider_login(page, login);
  await page.getByRole('banner').getByRole('link', { name: `IdP ${login}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('アカウント設定');
  await expect(page.locator('#profile-email')).toHaveText(`${login}@idp.example.jp`);
  if (jsEnabled(testInfo)) {
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
  }

  // Both names empty: refused, explained, nothing saved.
  await page.getByLabel('名前（日本語）').fill('');
  await page.getByLabel('名前（英語）').fill('');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByText('入力してください。')).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: `IdP ${login}` })).toBeVisible();

  // A new name and English: the whole site switches.
  await page.getByLabel('名前（日本語）').fill('試験 太郎');
  await page.getByLabel('名前（英語）').fill('Taro Test');
  await page.getByLabel('言語（画面とメール）').selectOption('en');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Taro Test' })).toBeVisible();

  // The only sign-in method cannot be removed.
  const methods = page.getByRole('region', { name: 'Sign-in methods' });
  await expect(methods.getByRole('row', { name: /Test IdP/ })).toBeVisible();
  await methods.getByRole('button', { name: 'Unlink Test IdP' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'This is your only way to sign in; link another one before removing it.',
  );

  // Link GitHub (a GitHub user of this run's own), then the first method may go.
  await as_github_user(page, 900_000_000 + (Date.now() % 90_000_000), `${login}-gh`);
  await page.getByRole('link', { name: 'Link GitHub' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(methods.getByRole('row', { name: /GitHub/ })).toBeVisible();
  await methods.getByRole('button', { name: 'Unlink Test IdP' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(methods.getByRole('row', { name: /Test IdP/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Link Test IdP' })).toBeVisible();

  // Download my data: a JSON file with this account in it.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the JSON file' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^camp-connect-my-data-\d{8}\.json$/);
  const data = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(data.account.email).toBe(`${login}@idp.example.jp`);
  expect(data.account.name_en).toBe('Taro Test');
  expect(data.identities.map((i: { provider: string }) => i.provider)).toEqual(['github']);

  // Deleting needs the box ticked; then the person is signed out.
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByText('Please tick the box to confirm.')).toBeVisible();
  await page.getByLabel('I understand that deleting cannot be undone').check();
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/sign-in\?deleted=1$/);
  await expect(page.getByRole('status')).toHaveText('Your account has been deleted. Thank you for taking part.');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  await page.goto('/account');
  await expect(page.getByText('Please sign in to do this.')).toBeVisible();
});
