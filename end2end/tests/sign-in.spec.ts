import { test, expect } from './fixtures';

test('sign in with a demo account, see it in the header, sign out', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'サインイン', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('サインイン');
  await expect(page.getByRole('heading', { level: 2, name: 'デモ用サインイン' })).toBeVisible();

  await page.getByRole('button', { name: /伊藤 直子（主催者）/ }).click();
  await expect(page).toHaveURL(/\/$/);
  const header = page.getByRole('banner');
  await expect(header.getByText('伊藤 直子（主催者）')).toBeVisible();
  await expect(header.getByRole('link', { name: 'サインイン', exact: true })).toHaveCount(0);

  // The session holds across pages.
  await page.goto('/programmes/connect');
  await expect(header.getByText('伊藤 直子（主催者）')).toBeVisible();

  await header.getByRole('button', { name: 'サインアウト' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(header.getByRole('link', { name: 'サインイン', exact: true })).toBeVisible();
  await expect(header.getByText('伊藤 直子（主催者）')).toHaveCount(0);
});

test('a cross-site form post is refused', async ({ page, baseURL }) => {
  // A page on another origin (about:blank has none of ours) posting to us.
  await page.setContent(`
    <form method="post" action="${baseURL}/auth/demo">
      <input type="hidden" name="email" value="demo-admin@example.jp">
      <button type="submit">go</button>
    </form>`);
  const [response] = await Promise.all([
    page.waitForResponse(`${baseURL}/auth/demo`),
    page.getByRole('button', { name: 'go' }).click(),
  ]);
  expect(response.status()).toBe(403);
  await expect(page.getByText('他のサイトからの送信は受け付けられません。')).toBeVisible();
});

test('asked to sign in on a page, one comes back to it', async ({ page }) => {
  const res = await page.goto('/account');
  expect(res?.status()).toBe(401);
  await page.getByRole('main').getByRole('link', { name: 'サインイン', exact: true }).click();
  await page.getByRole('button', { name: /田中 誠（講師）/ }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('アカウント設定');
});
