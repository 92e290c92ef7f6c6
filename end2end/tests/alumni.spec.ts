import { test, expect, jsEnabled, seriousViolations, servedMarkupViolations, waitForHydration, type Page } from './fixtures';

// An alumnus fills in their profile (a refused overlong name keeps what was
// typed), makes the headline public, keeps the employer for organisers
// only and agrees to be listed publicly; the preview shows each audience's
// view; then the public, a tutor (the community) and an organiser each see
// exactly what they may. The two projects run side by side on one server,
// so each edits its own alumnus's profile with its own words.

async function signInAs(page: Page, name: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await expect(page.getByRole('banner').getByText(name)).toBeVisible();
}

test('an alumnus edits the profile and its visibility; others see only what is allowed', async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  const [alumnus, word] = js ? ['鈴木 健（修了生）', '量子暗号'] : ['中村 玲（修了生）', '耐量子署名'];
  const headline = `${word}の研究をしています`;
  const employer = js ? 'ひみつ製作所' : 'ないしょ工業';
  const secret = js ? '非公開メモ甲' : '非公開メモ乙';

  await signInAs(page, alumnus);
  await page.goto('/account/alumni');
  if (js) await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('修了生プロフィール');
  const tooLong = 'あ'.repeat(101);
  await page.getByLabel('表示名（日本語） (100 文字まで)').fill(tooLong);
  await page.getByLabel('ひとこと (200 文字まで)').fill(headline);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('alert')).toContainText('保存されていません');
  await expect(page.getByText('100 文字以内にしてください。')).toBeVisible();
  await expect(page.getByLabel('表示名（日本語） (100 文字まで)')).toHaveValue(tooLong);
  await expect(page.getByLabel('ひとこと (200 文字まで)')).toHaveValue(headline);

  await page.getByLabel('表示名（日本語） (100 文字まで)').fill(js ? 'スズキ ケン' : 'ナカムラ レイ');
  await page.getByLabel('所属 (200 文字まで)').fill(employer);
  await page.getByLabel('所属を主催者以外に表示しない').check();
  await page.getByLabel('内容 (2000 文字まで)').first().fill(secret);
  await page.getByLabel('スキル 1 (60 文字まで)').fill('暗号');
  await page.getByLabel('スキル 1 のレベル').selectOption({ label: '一人で実践でき、人に教えられる' });
  await page.getByLabel('「表示名」の公開範囲').selectOption('public');
  await page.getByLabel('「ひとこと」の公開範囲').selectOption('public');
  await page.getByLabel('「所属」の公開範囲').selectOption('community');
  await page.getByLabel('「職務経験」の公開範囲').selectOption('private');
  await page.getByLabel('「スキル」の公開範囲').selectOption('community');
  await page.getByLabel(/公開名簿.*掲載に同意する/).check();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(page.getByLabel('ひとこと (200 文字まで)')).toHaveValue(headline);
  if (js) {
    expect(await seriousViolations(page)).toEqual([]);
  } else {
    expect(await servedMarkupViolations(page, '/account/alumni')).toEqual([]);
  }

  await page.getByRole('link', { name: '他の人からの見え方を確認' }).click();
  const publicView = page.locator('section.preview', { has: page.getByRole('heading', { name: /一般公開/ }) });
  const organiserView = page.locator('section.preview', { has: page.getByRole('heading', { name: '主催者' }) });
  await expect(publicView).toContainText(headline);
  await expect(publicView).not.toContainText(employer);
  await expect(publicView).not.toContainText('暗号 —');
  await expect(organiserView).toContainText(employer);
  await expect(organiserView).not.toContainText(secret);

  // The public: the headline and name, nothing else.
  await page.context().clearCookies();
  await page.goto(`/alumni?q=${encodeURIComponent(word)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('修了生名簿');
  await expect(page.locator('#alumni-count')).toHaveText('1 件');
  await expect(page.getByRole('searchbox', { name: 'キーワード' })).toHaveValue(word);
  await page.getByRole('link', { name: js ? /スズキ ケン/ : /ナカムラ レイ/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(js ? 'スズキ ケン' : 'ナカムラ レイ');
  await expect(page.getByText(headline)).toBeVisible();
  await expect(page.locator('main')).not.toContainText(employer);
  await expect(page.locator('main')).not.toContainText(secret);
  await expect(page.locator('main')).not.toContainText('一人で実践でき、人に教えられる');
  const profileUrl = new URL(page.url()).pathname;
  // A community-only word finds nothing for the public.
  await page.goto('/alumni?skill=暗号');
  await expect(page.locator('#alumni-count')).toHaveText('0 件');

  // A tutor (the community): skills too, still no employer, no private notes.
  await signInAs(page, '高橋 美咲（チューター）');
  await page.goto(profileUrl);
  await expect(page.getByText(headline)).toBeVisible();
  await expect(page.getByText('暗号 — 一人で実践でき、人に教えられる')).toBeVisible();
  await expect(page.locator('main')).not.toContainText(employer);
  await expect(page.locator('main')).not.toContainText(secret);

  // An organiser sees the employer only of the people of their own
  // programmes: the alumnus completed Connect, which 伊藤 organises; the
  // alumna took part in Security Camp only, so 伊藤 sees her profile as the
  // community does, and an administrator sees the employer. Never the
  // private notes.
  await signInAs(page, '伊藤 直子（主催者）');
  await page.goto(profileUrl);
  if (js) {
    await expect(page.getByText(employer)).toBeVisible();
  } else {
    await expect(page.getByText(headline)).toBeVisible();
    await expect(page.locator('main')).not.toContainText(employer);
    await expect(page.locator('main')).not.toContainText(secret);
    await signInAs(page, '渡辺 健一（管理者）');
    await page.goto(profileUrl);
    await expect(page.getByText(employer)).toBeVisible();
  }
  await expect(page.locator('main')).not.toContainText(secret);
  if (js) {
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
  } else {
    expect(await servedMarkupViolations(page, `/alumni?q=${encodeURIComponent(word)}`)).toEqual([]);
  }
});
