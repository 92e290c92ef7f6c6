import { test, expect, jsEnabled, seriousViolations, waitForHydration } from './fixtures';

// An organiser writes an announcement to the programme's alumni, is told
// that a variable the segment lacks cannot be used (the typing kept),
// previews it as its recipients will read it, sends it once and finds its
// mail queued on the outbox page.
test('an organiser writes, previews and sends an announcement, queued in the outbox', async ({ page }, testInfo) => {
  const subject = `修了生の集い ${testInfo.project.name} ${Date.now()}`;
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /伊藤 直子（主催者）/ }).click();
  await page.goto('/manage/connect');
  await page.getByRole('link', { name: 'お知らせ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('お知らせ');
  if (jsEnabled(testInfo)) await waitForHydration(page);

  await page.getByLabel('宛先').selectOption({ label: '修了生全員: セキュリティ・キャンプ・コネクト' });
  await page.getByLabel('件名（日本語）').fill(subject);
  await page.getByLabel('本文（日本語）').fill('{{ name }} 様\n{{ track }} の修了生の集いを開きます。');
  await page.getByLabel('件名（英語）').fill('Alumni meetup');
  await page.getByLabel('本文（英語）').fill('Dear {{ name }},\nwe meet again at {{ programme }}.');
  await page.getByRole('button', { name: '保存してプレビュー' }).click();
  await expect(page.getByRole('alert')).toContainText('選んだ宛先では使えない変数です');
  await expect(page.getByLabel('件名（日本語）')).toHaveValue(subject);

  await page.getByLabel('本文（日本語）').fill('{{ name }} 様\n{{ programme }} の修了生の集いを開きます。');
  await page.getByRole('button', { name: '保存してプレビュー' }).click();
  await expect(page.getByRole('heading', { name: 'プレビュー' })).toBeVisible();
  await expect(page.getByText(/人に届きます/)).toBeVisible();
  const sample = page.locator('article.sample-mail').first();
  await expect(sample).toContainText('セキュリティ・キャンプ・コネクト の修了生の集いを開きます。');
  await expect(sample).toContainText(`【セキュリティ・キャンプ・コネクト】${subject}`);
  if (jsEnabled(testInfo)) {
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
  }

  await page.getByRole('button', { name: /人に送信$/ }).click();
  await expect(page.getByRole('status')).toContainText('送信しました');
  await expect(page.getByText(/人へ送信/)).toBeVisible();
  await expect(page.getByRole('button', { name: /人に送信$/ })).toHaveCount(0);

  await page.getByRole('link', { name: '送信待ちのメールを見る' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('送信メール');
  await expect(page.getByRole('row', { name: new RegExp(subject) }).first()).toContainText('送信待ち');

  // The history lists it as sent.
  await page.goto('/manage/connect/announcements');
  await expect(page.getByRole('row', { name: new RegExp(subject) })).toContainText('人へ送信');
});
