import { test, expect, jsEnabled, waitForHydration } from './fixtures';

test('an administrator makes someone an organiser, the log shows it, then revokes it', async ({ page }, testInfo) => {
  // The two projects run side by side on one server: each grants to its own person.
  const [email, name] = jsEnabled(testInfo)
    ? ['demo-alumnus@example.jp', '鈴木 健（修了生）']
    : ['demo-applicant@example.jp', '佐藤 葵（応募者）'];
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /渡辺 健一（管理者）/ }).click();
  await page.getByRole('banner').getByRole('link', { name: '管理', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('主催者の管理');
  if (jsEnabled(testInfo)) await waitForHydration(page);

  // An unknown email is explained, nothing granted.
  await page.getByLabel('メールアドレス').fill('nobody@example.jp');
  await page.getByLabel('プログラム').selectOption('camp');
  await page.getByRole('button', { name: '主催者にする' }).click();
  await expect(page.getByText('このメールアドレスのアカウントはありません。')).toBeVisible();

  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('プログラム').selectOption('camp');
  await page.getByRole('button', { name: '主催者にする' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('セキュリティ・キャンプ');

  await page.goto('/audit?q=organiser');
  await expect(page.getByRole('cell', { name: `${email} made an organiser of camp` }).first()).toBeVisible();

  await page.goto('/admin/organisers');
  if (jsEnabled(testInfo)) await waitForHydration(page);
  await page.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: /取り消す/ }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
});
