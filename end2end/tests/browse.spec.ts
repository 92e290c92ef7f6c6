import { test, expect } from './fixtures';

test('browse programme → cohort → track', async ({ page }) => {
  // The catalogue has no island: its pages load no script, with or
  // without JavaScript (only the application form loads the WASM).
  const scripts: string[] = [];
  page.on('request', (req) => {
    if (/\/pkg\/.*\.(js|wasm)$/.test(new URL(req.url()).pathname)) scripts.push(req.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('セキュリティ・キャンプのプログラム');

  await page.getByRole('link', { name: 'セキュリティ・キャンプ・コネクト', exact: true }).click();
  await expect(page).toHaveURL(/\/programmes\/connect$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('セキュリティ・キャンプ・コネクト');

  await page.getByRole('link', { name: 'セキュリティ・キャンプ・コネクト 2027' }).click();
  await expect(page).toHaveURL(/\/programmes\/connect\/2027$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('セキュリティ・キャンプ・コネクト 2027');
  await expect(page.getByRole('heading', { level: 3, name: '産業コネクト' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'テックコネクト' })).toBeVisible();

  await page.getByRole('link', { name: 'AI セキュリティトラック' }).click();
  await expect(page).toHaveURL(/\/programmes\/connect\/2027\/tracks\/ai$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('AI セキュリティトラック');
  await expect(page.getByText('データサイエンティスト × サイバーセキュリティ')).toBeVisible();

  const crumbs = page.getByRole('navigation', { name: '現在位置' });
  await expect(crumbs.getByRole('link')).toHaveText([
    'ホーム',
    'セキュリティ・キャンプ・コネクト',
    'セキュリティ・キャンプ・コネクト 2027',
  ]);
  await crumbs.getByRole('link', { name: 'ホーム' }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(scripts).toEqual([]);
});

test('keyboard: the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/programmes/camp');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '本文へスキップ' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('an unknown track answers 404 with a way back', async ({ page }) => {
  const res = await page.goto('/programmes/connect/2027/tracks/no-such-track');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ページが見つかりません');
  await page.getByRole('link', { name: 'プログラム一覧へ戻る' }).click();
  await expect(page).toHaveURL(/\/$/);
});
