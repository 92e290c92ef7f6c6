import { execFileSync } from 'node:child_process';
import { test, expect, jsEnabled, seriousViolations, waitForHydration, type Page } from './fixtures';
import { offline, provider_login } from './idp';

/** A new person signs up through the identity provider and an
 *  administrator makes them an organiser, which queues a mail to them;
 *  returns their address, with the administrator signed in. */
async function queueGrantMail(page: Page, login: string): Promise<string> {
  const email = `${login}@idp.example.jp`;
  await offline(page);
  await page.goto('/sign-in');
  await page.getByRole('link', { name: /Test IdP/ }).click();
  await provider_login(page, login);
  await expect(page.getByRole('banner').getByText(`IdP ${login}`)).toBeVisible();
  await page.getByRole('banner').getByRole('button', { name: 'サインアウト' }).click();

  await page.goto('/sign-in');
  await page.getByRole('button', { name: /渡辺 健一（管理者）/ }).click();
  await page.goto('/admin/organisers');
  if (jsEnabled(test.info())) await waitForHydration(page);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('プログラム').selectOption('camp');
  await page.getByRole('button', { name: '主催者にする' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  return email;
}

/** Sets the mail to `email` as the worker leaves it: `failed` (given up
 *  after six attempts) or `sent`. The browser tests' server sends no mail,
 *  so the test plays the worker's part in the database. */
function markMail(email: string, status: 'failed' | 'sent', template?: string): void {
  const rename = template ? `, template = '${template}'` : '';
  execFileSync('sqlite3', [
    '.tmp/e2e.db',
    `UPDATE outbox_message SET status = '${status}', attempts = 6, ` +
      `last_error = 'SMTP: Connection refused'${rename} WHERE recipient_email = '${email}'`,
  ]);
}

// The browser tests' server has no SMTP_URL, so queued mail stays pending:
// the outbox page says so, and holding and releasing can be watched.
test('a queued mail shows in the outbox; an administrator holds and releases it', async ({ page }, testInfo) => {
  const email = await queueGrantMail(page, `mail-${testInfo.project.name}-${Date.now()}`);

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

// Both projects run at once on one database, so each gives its failed mail
// a template of its own: the filtered counts are then exactly its own.
test('an administrator filters the outbox, reads its counts and sends a failed mail again', async ({ page }, testInfo) => {
  const stamp = `${testInfo.project.name}_${Date.now()}`.replace(/-/g, '_');
  const email = await queueGrantMail(page, `failed-${stamp.replace(/_/g, '-')}`);
  const template = `e2e_failed_${stamp}`;
  markMail(email, 'failed', template);
  const counts = page.getByRole('navigation', { name: '状態ごとの件数' });

  await page.goto('/manage/outbox');
  if (jsEnabled(testInfo)) await waitForHydration(page);
  const filter = page.getByRole('search');
  await filter.getByLabel('状態').selectOption('failed');
  await filter.getByLabel('テンプレート').selectOption(template);
  await filter.getByRole('button', { name: '絞り込む' }).click();
  await expect(page).toHaveURL(new RegExp(`/manage/outbox\\?status=failed&template=${template}$`));
  await expect(counts.getByRole('link', { name: '送信失敗 1' })).toHaveAttribute('aria-current', 'true');
  await expect(counts.getByRole('link', { name: '送信待ち 0' })).toBeVisible();
  await expect(counts.getByRole('link', { name: 'すべて 1' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) });
  await expect(row).toContainText('送信失敗');
  await expect(row).toContainText('SMTP: Connection refused');
  if (jsEnabled(testInfo)) expect(await seriousViolations(page)).toEqual([]);

  // One message: back to the worker, and out of the failed ones.
  await row.getByRole('button', { name: /^再送:/ }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(page).toHaveURL(new RegExp(`status=failed&template=${template}&saved=1$`));
  await expect(page.getByText('メールはありません。')).toBeVisible();
  await expect(counts.getByRole('link', { name: '送信失敗 0' })).toBeVisible();
  await counts.getByRole('link', { name: '送信待ち 1' }).click();
  await expect(row).toContainText('送信待ち');
  await expect(row.getByRole('button', { name: /^保留:/ })).toBeVisible();

  // It failed again, and is sent before the button is pressed: refused,
  // with the reason, and nothing is sent twice.
  markMail(email, 'failed');
  await page.goto(`/manage/outbox?status=failed&template=${template}`);
  if (jsEnabled(testInfo)) await waitForHydration(page);
  markMail(email, 'sent');
  await row.getByRole('button', { name: /^再送:/ }).click();
  await expect(page.getByRole('alert')).toContainText('このメールは送信失敗の状態ではないため再送できません');

  // All failed mail of the template at once.
  markMail(email, 'failed');
  await page.goto(`/manage/outbox?template=${template}`);
  if (jsEnabled(testInfo)) await waitForHydration(page);
  await page.getByRole('button', { name: '送信失敗の 1 件をすべて再送' }).click();
  await expect(page.getByRole('status')).toHaveText('送信失敗の 1 件を再送待ちに戻しました。');
  await expect(counts.getByRole('link', { name: '送信失敗 0' })).toBeVisible();
  await expect(row).toContainText('送信待ち');
  await expect(page.getByRole('button', { name: /すべて再送$/ })).toHaveCount(0);
});
