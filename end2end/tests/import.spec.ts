import { test, expect } from './fixtures';

// The history import, as an administrator does it: upload a small file
// (a plain multipart form), read the preview row by row, import, and find
// the imported alumna in the directory. Runs with JavaScript on and off.
test('an administrator imports a history file and finds the alumna in the directory', async ({ page }, testInfo) => {
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const email = `history-${tag}@example.jp`;
  const given = `記録${Date.now() % 1000000}`;
  const csv = [
    'year,programme,cohort,track,track_name_ja,track_name_en,role,family_name,given_name,name_en,email,completed',
    `2011,camp,2011,web,Webセキュリティ,Web Security,participant,取込,${given},Import Test,${email},yes`,
    `2011,camp,2011,web,Webセキュリティ,Web Security,participant,取込,${given},Import Test,,yes`,
    `2011,kamp,2011,web,Webセキュリティ,Web Security,tutor,取込,${given},Import Test,${email},`,
  ].join('\r\n');

  await page.goto('/sign-in');
  await page.getByRole('button', { name: /渡辺 健一（管理者）/ }).click();
  await page.goto('/manage/history');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('過去の記録の取り込み');
  await page.getByLabel('CSV ファイル').setInputFiles({
    name: `history-${tag}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(`\ufeff${csv}\r\n`, 'utf8'),
  });
  await page.getByRole('button', { name: 'アップロードして確認する' }).click();

  // The preview: nothing written yet, each row with its outcome and reasons.
  await expect(page).toHaveURL(/\/manage\/history\/\d+$/);
  await expect(page.getByRole('paragraph').filter({ hasText: 'まだ何も書き込んでいません' })).toBeVisible();
  const rows = page.locator('table.history-rows tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('新規作成');
  await expect(rows.nth(1)).toContainText('取り込めません');
  await expect(rows.nth(1)).toContainText('email: ');
  await expect(rows.nth(2)).toContainText('このプログラムはありません');

  await page.getByLabel('新しく作るアカウントの本人に、サインインを案内するメールを送る').check();
  await page.getByRole('button', { name: '取り込む' }).click();
  await expect(page.getByText('取り込み済みです。', { exact: false })).toBeVisible();

  // The administrator finds the imported alumna in the directory.
  await page.goto(`/alumni?q=${encodeURIComponent(given)}`);
  await expect(page.getByText(`取込 ${given}`).first()).toBeVisible();
});
