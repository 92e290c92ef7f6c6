import { test, expect, jsEnabled, seriousViolations, servedMarkupViolations, waitForHydration } from './fixtures';

// The demo has two participants of Connect 2027's IoT track waiting for
// their completion. The two projects run side by side on one server, so
// each completes its own participant.

test('a certificate verifies and, once revoked, shows as revoked', async ({ page }, testInfo) => {
  const person = jsEnabled(testInfo) ? '中村 陽菜' : '松本 蓮';
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /伊藤 直子（主催者）/ }).click();
  await page.goto('/manage/connect/2027/tracks/iot/completion');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('修了 – ');

  const row = () => page.getByRole('row').filter({ hasText: person });
  await row().getByRole('button', { name: /^修了にする/ }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(row().locator('td.completion-status')).toContainText(/^修了 \d{4}年/);

  const href = await row().getByRole('link', { name: '修了証' }).getAttribute('href');
  const code = (href ?? '').replace('/certificates/', '');
  expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}$/);

  // The printable certificate, in both languages.
  await page.goto(`/certificates/${code}`);
  await expect(page.getByRole('heading', { name: '修了証' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Certificate of Completion' })).toBeVisible();

  // Anyone verifies it, by link or by typing the code.
  await page.goto('/verify');
  await page.getByLabel('確認コード').fill(code.toLowerCase());
  await page.getByRole('button', { name: '確認する' }).click();
  await expect(page.locator('#verify-result')).toHaveText('有効な修了証です。');
  await expect(page.getByText(person)).toBeVisible();

  // Revoking needs a reason; the verification page then says so.
  await page.goto('/manage/connect/2027/tracks/iot/completion');
  await row().getByLabel('取り消し理由').fill('レポートの盗用が判明したため');
  await row().getByRole('button', { name: /取り消す/ }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(row().locator('td.completion-status')).toContainText('取り消し済み');

  await page.goto(`/verify/${code}`);
  await expect(page.locator('#verify-result')).toContainText('この修了証は取り消されています。');

  // An unknown code: a clear message.
  await page.goto('/verify/2222-2222-2222-2222');
  await expect(page.locator('#verify-result')).toHaveText('このコードの修了証はありません。コードを確かめてください。');
});

test('a skipped stage needs a reason, and the change shows on the person page', async ({ page }, testInfo) => {
  // Demo accounts in a fresh database: 2 is the alumnus (a tutor
  // candidate), 4 the lecturer. Each project moves its own person.
  const [account, stage, name] = jsEnabled(testInfo)
    ? [2, 'lecturer', '講師']
    : [4, 'tutor_candidate', 'チューター候補'];
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /伊藤 直子（主催者）/ }).click();
  await page.goto(`/manage/connect/people/${account}`);
  await expect(page.getByRole('heading', { name: '段階の履歴' })).toBeVisible();

  await page.getByLabel('新しい段階').selectOption(stage);
  await page.getByRole('button', { name: '変更する' }).click();
  await expect(page.getByRole('alert')).toContainText('理由を入力してください');
  await expect(page.locator('#current-stage')).not.toContainText(name);

  await page.getByLabel('新しい段階').selectOption(stage);
  await page.getByLabel(/^理由/).fill('地方大会で講義を担当した実績があるため');
  await page.getByRole('button', { name: '変更する' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(page.locator('#current-stage')).toContainText(name);
  const last = page.locator('.stage-history tbody tr').last();
  await expect(last).toContainText('（規則の上書き）');
  await expect(last).toContainText('地方大会で講義を担当した実績があるため');
  await expect(last).toContainText('伊藤 直子');
});

test('the pipeline pages have no serious accessibility violations', async ({ page }, testInfo) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /伊藤 直子（主催者）/ }).click();
  for (const path of [
    '/manage/connect/2027/tracks/iot/completion',
    '/manage/connect/candidates',
    '/manage/connect/funnel',
    '/manage/connect/people/2',
    '/verify',
    '/verify/2222-2222-2222-2222',
    '/training',
  ]) {
    if (jsEnabled(testInfo)) {
      await page.goto(path);
      await waitForHydration(page);
      expect(await seriousViolations(page), path).toEqual([]);
    } else {
      const status = path.startsWith('/verify/') ? 404 : 200;
      expect(await servedMarkupViolations(page, path, status), path).toEqual([]);
    }
  }
});

test('an alumnus finds their own certificate and its verification link', async ({ page }, testInfo) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /鈴木 健（修了生）/ }).click();
  await page.goto('/account');
  await page.getByRole('link', { name: '修了証', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('自分の修了証');
  const row = page.getByRole('row').filter({ hasText: 'IoT' });
  await expect(row).toContainText('2027');
  if (jsEnabled(testInfo)) {
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
  } else {
    expect(await servedMarkupViolations(page, '/account/certificates')).toEqual([]);
  }
  await row.getByRole('link', { name: '確認ページ' }).click();
  await expect(page.locator('#verify-result')).toHaveText('有効な修了証です。');
  await expect(page.locator('dl.certificate-facts')).toContainText('鈴木 健');
});
