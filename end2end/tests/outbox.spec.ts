import { test, expect, jsEnabled, seriousViolations, waitForHydration } from './fixtures';
import { offline, provider_login } from './idp';

// The browser tests' server has no SMTP_URL, so queued mail stays pending:
// the outbox page says so, and holding and releasing can be watched.
test('a queued mail shows in the outbox; an administrator holds and releases it', async ({ page }, testInfo) => {
  const login = `mail-${testInfo.project.name}-${Date.now()}`;
  const email = `${login}@idp.example.jp`;
  await offline(page);
  // A new person signs up through the identity provider…
  await page.goto('/sign-in');
  await page.getByRole('link', { name: /Test IdP/ }).click();
  await provider_login(page, login);
  await expect(page.getByRole('banner').getByText(`IdP ${login}`)).toBeVisible();
  await page.getByRole('banner').getByRole('button', { name: 'サインアウト' }).click();

  // …and an administrator makes them an organiser, which queues a mail.
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /渡辺 健一（管理者）/ }).click();
  await page.goto('/admin/organisers');
  if (jsEnabled(testInfo)) await waitForHydration(page);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('プログラム').selectOption('camp');
  await page.getByRole('button', { name: '主催者にする' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');

  await page.goto('/manage');
  await page.getByRole('link', { name: '送信メール' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('送信メール');
  await expect(page.getByText('このサーバーではメール送信が設定されていません', { exact: false })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) });
  await expect(row).toContainText('送信待ち');
  if (jsEnabled(testInfo)) {
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
  }
  await row.getByRole('button', { name: /^保留:/ }).click();
  await expect(row).toContainText('保留中');
  await row.getByRole('button', { name: /^保留解除:/ }).click();
  await expect(row).toContainText('送信待ち');
});
