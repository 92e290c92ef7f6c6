import { test, expect, jsEnabled, seriousViolations, waitForHydration, type Page } from './fixtures';

// The demo's Security Camp organiser opens a tutor call; an applicant (not
// an alumnus) is told why they may not volunteer; an alumnus of Security
// Camp 2026 volunteers; the organiser approves; the alumnus is on the tutor
// roster and the track's staffing gap shrinks. The two projects run side by
// side on one server, so each works on its own track with its own alumnus.

async function signInAs(page: Page, name: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await expect(page.getByRole('banner').getByText(name)).toBeVisible();
}

test('an alumnus volunteers for a tutor call and joins the roster once approved', async ({ page }, testInfo) => {
  const [track, alumnus] = jsEnabled(testInfo)
    ? ['vulnerabilities', '鈴木 健（修了生）']
    : ['malware', '中村 玲（修了生）'];
  const organiser = '小林 浩（キャンプ主催者）';
  const staffingRow = page.locator(`#staffing tr[data-cohort="2027"][data-track="${track}"]`);

  await signInAs(page, organiser);
  await page.goto('/manage/camp/staffing?cohort=2027');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('人員配置');
  await expect(staffingRow.locator('td.tutors')).toHaveText('0 / 3');
  await expect(staffingRow).toHaveClass(/short/);
  await expect(staffingRow.locator('.open-alumni')).toContainText(alumnus);

  await staffingRow.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('名簿 – ');
  await page.getByLabel('募集人数').fill('1');
  await page.getByLabel('募集の説明').fill(`${track} の演習サポート`);
  await page.getByRole('button', { name: '募集を開始' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  const callId = await page.locator('article.tutor-call').first().getAttribute('data-call');
  expect(callId).not.toBeNull();

  // Not an alumnus: told why, no form.
  await signInAs(page, '佐藤 葵（応募者）');
  await page.goto('/tutor-calls');
  const forApplicant = page.locator(`article[data-call="${callId}"]`);
  await expect(forApplicant.locator('.why-not')).toHaveText('チューターに応募できるのは、このプログラムの修了生だけです。');
  await expect(forApplicant.getByRole('button')).toHaveCount(0);
  if (jsEnabled(testInfo)) {
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
  }

  await signInAs(page, alumnus);
  await page.goto('/tutor-calls');
  const call = page.locator(`article[data-call="${callId}"]`);
  await expect(call).toContainText(`${track} の演習サポート`);
  await call.getByLabel(/ひとこと/).fill('昨年の参加経験を活かして演習を支えたいです。');
  await call.getByRole('button', { name: 'チューターに応募する' }).click();
  await expect(page.getByText('保存しました。')).toBeVisible();
  await expect(page.locator(`article[data-call="${callId}"] .status`)).toContainText('審査待ち');

  await signInAs(page, organiser);
  await page.goto(`/manage/camp/2027/tracks/${track}/roster`);
  const volunteer = page.locator(`article[data-call="${callId}"] tr`).filter({ hasText: alumnus });
  await expect(volunteer).toContainText('昨年の参加経験を活かして演習を支えたいです。');
  await volunteer.getByRole('button', { name: '承認' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(page.locator(`article[data-call="${callId}"] tr`).filter({ hasText: alumnus }).locator('td.status')).toHaveText('承認済み');
  await expect(page.locator('#roster-tutors')).toContainText(alumnus);
  await expect(page.locator('#roster-staffing')).toContainText('チューター 1 / 3');
  if (jsEnabled(testInfo)) {
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
  }

  await page.goto('/manage/camp/staffing?cohort=2027');
  await expect(staffingRow.locator('td.tutors')).toHaveText('1 / 3');
  await expect(staffingRow.locator('.open-alumni')).not.toContainText(alumnus);
  if (jsEnabled(testInfo)) {
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
  }
});
