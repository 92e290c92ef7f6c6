import { test, expect, jsEnabled, seriousViolations, waitForHydration } from './fixtures';

test('an organiser edits a track, sees a problem explained, then saves', async ({ page }, testInfo) => {
  // The two projects run side by side on one server: each edits its own track.
  const [slug, title] = jsEnabled(testInfo)
    ? ['space', '宇宙システムセキュリティトラック']
    : ['iot', 'IoT セキュリティトラック'];
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /伊藤 直子（主催者）/ }).click();
  await page.getByRole('banner').getByRole('link', { name: '運営', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('運営');
  await page.getByRole('link', { name: 'セキュリティ・キャンプ・コネクト' }).click();
  await page.getByRole('link', { name: 'セキュリティ・キャンプ・コネクト 2027' }).click();
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  if (jsEnabled(testInfo)) {
    await waitForHydration(page);
    // The form itself: labels, contrast, structure.
    expect(await seriousViolations(page)).toEqual([]);
  }

  // A bad seat count is refused with a message tied to the field.
  const seats = page.getByLabel('定員');
  await seats.fill('-5');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByText('0 以上 10000 以下の整数を入力してください。')).toBeVisible();
  await expect(page.getByLabel('定員')).toHaveAttribute('aria-invalid', 'true');
  // What was typed stays, with and without JavaScript.
  await expect(page.getByLabel('定員')).toHaveValue('-5');

  // A good one is saved, and the public page shows it.
  await page.getByLabel('定員').fill('9');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await page.goto(`/programmes/connect/2027/tracks/${slug}`);
  await expect(page.getByText('9名')).toBeVisible();
});

test('people who are not organisers are turned away', async ({ page }) => {
  const res = await page.goto('/manage/connect');
  expect(res?.status()).toBe(401);
  await expect(page.getByText('この操作にはサインインが必要です。')).toBeVisible();

  await page.goto('/sign-in');
  await page.getByRole('button', { name: /田中 誠（講師）/ }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: '運営', exact: true })).toHaveCount(0);
  const denied = await page.goto('/manage/connect');
  expect(denied?.status()).toBe(403);
  await expect(page.getByText('この操作を行う権限がありません。')).toBeVisible();
});
