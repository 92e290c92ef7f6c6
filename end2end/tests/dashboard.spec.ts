import { test, expect, jsEnabled, seriousViolations, servedMarkupViolations, waitForHydration } from './fixtures';

// The organiser's dashboard of Connect 2027. The demo's four applications
// to the AI track were submitted when the demo was seeded (today, in
// Japan); other specs may submit more on the same server meanwhile, so
// the figures are read as at least the demo's.

/** Today's date in Japan, as the table writes it. */
function todayInJapan(): string {
  return new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

test('the organiser reads the applications per day from the chart and its table', async ({ page }, testInfo) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /伊藤 直子（主催者）/ }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'サインアウト' })).toBeVisible();

  // Linked from the cohort's page.
  await page.goto('/manage/connect/2027');
  await page.getByRole('link', { name: '応募・選考の状況（ダッシュボード）' }).click();
  await expect(page).toHaveURL(/\/manage\/connect\/2027\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ダッシュボード – ');

  // The chart is an image with a title and a description of its numbers.
  const chart = page.getByRole('img', { name: '日ごとの初回提出数' });
  await expect(chart).toBeVisible();
  await expect(chart.locator('desc')).toContainText('件の応募が初めて提出されました');

  // Its numbers, folded under a summary that works without JavaScript.
  await page.getByText('グラフの数値（表）').click();
  const table = page.locator('#per-day-table');
  await expect(table).toBeVisible();
  const aiColumn = (await table.locator('thead th').allTextContents()).indexOf('AI セキュリティトラック');
  expect(aiColumn).toBeGreaterThan(0);
  const today = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: todayInJapan() }) });
  const ai = Number(await today.locator('th, td').nth(aiColumn).textContent());
  expect(ai).toBeGreaterThanOrEqual(4);

  // The review progress of the demo lecturer, small age groups hidden,
  // the regions table (the demo's applicants gave no prefecture) and the
  // eligibility refusals recorded at submission.
  await expect(page.locator('#review-table')).toContainText('田中 誠');
  await expect(page.locator('#ages-table')).toContainText('5 未満※');
  await expect(page.getByRole('heading', { level: 2, name: '居住地域' })).toBeVisible();
  await expect(page.locator('#regions-table')).toContainText('未回答・回答しない');
  await expect(page.getByRole('heading', { level: 2, name: '資格要件で断られた提出' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'いま提出すると断られる下書き' })).toBeVisible();

  // axe is a script: without JavaScript it checks the page as served.
  if (jsEnabled(testInfo)) {
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
  } else {
    expect(await servedMarkupViolations(page, '/manage/connect/2027/dashboard')).toEqual([]);
  }
});

test('the dashboard is refused to an applicant', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /佐藤 葵（応募者）/ }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'サインアウト' })).toBeVisible();
  const res = await page.goto('/manage/connect/2027/dashboard');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('img', { name: '日ごとの初回提出数' })).toHaveCount(0);
});
