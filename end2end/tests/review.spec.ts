import { test, expect, jsEnabled } from './fixtures';

// The demo has four anonymised applications to Connect 2027's AI track,
// each assigned to the demo lecturer (assignments 1–4 in a fresh database).
// The two projects run side by side on one server, so each works on its own.

test('a reviewer scores an application without seeing who applied', async ({ page }, testInfo) => {
  const assignment = jsEnabled(testInfo) ? 1 : 2;
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /田中 誠（講師）/ }).click();
  await page.goto('/review');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('担当する審査');
  await expect(page.getByRole('link', { name: 'AI セキュリティトラック' })).toBeVisible();

  await page.goto(`/review/assignments/${assignment}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('応募 #');
  await expect(page.getByText('この応募は匿名で審査します。')).toBeVisible();
  // The AI track's first question, from the demo's Connect questions.
  await expect(page.getByText(/セキュリティが問題になった/)).toBeVisible();
  for (const hidden of ['小林 花', '加藤 翔', '東都大学', '北浜工業', 'review-demo-']) {
    await expect(page.getByText(hidden)).toHaveCount(0);
  }

  // A score off the scale is refused with a message, nothing saved.
  await page.getByLabel(/動機/).fill('9');
  await page.getByLabel(/論理性/).fill('3');
  await page.getByRole('button', { name: '採点を保存して次へ' }).click();
  await expect(page.getByRole('alert')).toContainText('目盛りの範囲の整数を入力してください。');

  await page.goto(`/review/assignments/${assignment}`);
  await page.getByLabel(/動機/).fill('4');
  await page.getByLabel(/論理性/).fill('3');
  await page.getByLabel('コメント').fill('筋の通った動機です。');
  await page.getByRole('button', { name: '採点を保存して次へ' }).click();
  // On to the next unfinished assignment (or "all done").
  await expect(page).toHaveURL(/\/review\/(assignments\/\d+|\d+\/next)$/);

  await page.goto(`/review/assignments/${assignment}`);
  await expect(page.getByLabel(/動機/)).toHaveValue('4');
  await expect(page.getByLabel('コメント')).toHaveValue('筋の通った動機です。');
});

test('an organiser decides and releases, and the decision mail is queued', async ({ page }, testInfo) => {
  const applicant = jsEnabled(testInfo) ? '吉田 結衣' : '山本 大輝';
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /伊藤 直子（主催者）/ }).click();
  await page.goto('/manage/connect/2027/tracks/ai');
  await page.getByRole('link', { name: '審査', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('審査 – AI セキュリティトラック');

  const row = page.getByRole('row').filter({ hasText: applicant });
  // Unassigning submits the ranking's one shared form (the button names
  // the assignment); assigning the lecturer again puts the row back as it was.
  const lecturer = '田中 誠（講師）';
  await expect(row.locator('ul.reviewers')).toContainText(lecturer);
  await row.locator('ul.reviewers li').filter({ hasText: lecturer }).getByRole('button', { name: '外す' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(row.locator('ul.reviewers')).not.toContainText(lecturer);
  await expect(row.locator('td').nth(4)).toContainText('0 / 0');
  const application = (await row.getAttribute('data-application')) ?? '';
  expect(application).not.toBe('');
  await page.locator('#assign-app').fill(application);
  await page.locator('#assign-reviewer').selectOption({ label: lecturer });
  await page.getByRole('button', { name: '割り当てる', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(row.locator('ul.reviewers')).toContainText(lecturer);

  await row.getByRole('combobox').selectOption('accepted');
  await row.getByRole('button', { name: '決定' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(page.getByRole('row').filter({ hasText: applicant }).locator('td.decision')).toContainText('合格');

  await page.getByRole('button', { name: '選考結果を公開する' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  const released = page.getByRole('row').filter({ hasText: applicant });
  await expect(released.locator('td.decision')).toContainText('回答待ち');
  await expect(released.getByRole('button', { name: '決定' })).toHaveCount(0);

  await page.goto('/manage/outbox');
  await expect(page.getByText('【Camp Connect】AI セキュリティトラックの選考結果（合格）').first()).toBeVisible();
});
