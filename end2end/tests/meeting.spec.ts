import { test, expect } from './fixtures';

// The selection meeting of Connect 2027's AI track (four anonymised demo
// applications, each assigned to the demo lecturer). Other specs decide and
// release on the same track meanwhile, so this one only reads: it opens the
// meeting from the ranking, walks next and previous, and searches.

test('an organiser opens the meeting from the ranking, goes next and back, and searches', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /伊藤 直子（主催者）/ }).click();
  await page.goto('/manage/connect/2027/tracks/ai/review');
  await page.getByRole('link', { name: '選考会議', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('選考会議 – AI セキュリティトラック');

  const rows = page.locator('table.meeting tbody tr');
  await expect(rows.first()).toBeVisible();
  const first = (await rows.nth(0).getAttribute('data-application')) ?? '';
  const second = (await rows.nth(1).getAttribute('data-application')) ?? '';
  expect(first).not.toBe('');
  await rows.nth(0).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`応募 #${first}`);
  await expect(page.getByRole('heading', { name: '回答' })).toBeVisible();
  await expect(page.locator('#meeting-place')).toContainText('ランキング内の位置: 1 /');

  await page.getByRole('link', { name: '次の応募 →' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`応募 #${second}`);
  await page.getByRole('link', { name: '← 前の応募' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`応募 #${first}`);

  // The search is a plain GET form: the address carries it, and the
  // application's links keep it.
  await page.getByRole('link', { name: 'ランキングに戻る' }).click();
  await page.getByLabel('回答を検索').fill('攻撃と防御');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await expect(page).toHaveURL(/meeting\?q=/);
  await expect(page.getByLabel('回答を検索')).toHaveValue('攻撃と防御');
  await expect(rows.first()).toBeVisible();
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(/meeting\/\d+\?q=/);
  await expect(page.getByText('攻撃と防御を学びたい').first()).toBeVisible();

  await page.goto('/manage/connect/2027/tracks/ai/meeting');
  await page.getByLabel('回答を検索').fill('誰も書いていない言葉');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await expect(page.locator('#no-results')).toHaveText('条件に合う応募はありません。');
  await expect(page.locator('#matches')).toContainText('該当: 0');
});

test('a lecturer reaches the meeting from their reviews and applicants stay anonymous', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /田中 誠（講師）/ }).click();
  await page.goto('/review');
  // Other specs may make the demo lecturer a reviewer of further tracks.
  await page.getByRole('listitem').filter({ hasText: 'AI セキュリティトラック' }).getByRole('link', { name: '選考会議' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('選考会議 – AI セキュリティトラック');
  const row = page.locator('table.meeting tbody tr').filter({ hasText: '匿名' }).first();
  await expect(row).toContainText('匿名');
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('応募 #');
  for (const hidden of ['小林 花', '加藤 翔', '東都大学', '北浜工業', 'review-demo-']) {
    await expect(page.getByText(hidden)).toHaveCount(0);
  }
  await expect(page.getByRole('heading', { name: '評価', exact: true })).toBeVisible();
});
