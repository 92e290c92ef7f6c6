import { test, expect, jsEnabled, seriousViolations, waitForHydration } from './fixtures';

test('the demo applicant applies to a Connect track, saves a draft, submits and sees it listed', async ({ page }, testInfo) => {
  // A long flow (sign-in, two axe runs, autosaves, two submissions).
  test.setTimeout(60_000);
  const js = jsEnabled(testInfo);
  // The two projects run side by side on one server: each applies to its own track.
  const [slug, name] = js
    ? ['automotive', '車載セキュリティトラック']
    : ['quantum', '量子コンピュータ時代の暗号トラック'];

  // Applying needs an account; signing in comes back to the form.
  await page.goto(`/programmes/connect/2027/tracks/${slug}`);
  await page.getByRole('link', { name: '応募する' }).click();
  await expect(page.getByText('この操作にはサインインが必要です。')).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'サインイン' }).click();
  await page.getByRole('button', { name: /佐藤 葵（応募者）/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`応募する: ${name}`);
  await expect(page).toHaveURL(new RegExp(`/tracks/${slug}/apply`));
  await expect(page.getByText('1 つのコホートで提出できる応募は 2 件まで')).toBeVisible();
  if (js) {
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
  }

  // A draft: the limit is shown; with JavaScript the count follows the typing.
  await page.getByLabel('生年月日').fill('1990-04-01');
  await page.getByLabel('専門分野', { exact: true }).fill('車載ネットワーク');
  const first = page.getByLabel(/セキュリティが問題になった/);
  await first.fill('車載 ECU の更新で署名検証が抜けていた。');
  if (js) {
    await expect(page.getByText('22 / 800 文字')).toBeVisible();
    // Saved by itself a moment after the typing stops.
    await expect(page.getByText(/保存しました: \d\d:\d\d/)).toBeVisible();
  } else {
    await expect(page.getByText('0 / 800 文字').first()).toBeVisible();
    await page.getByRole('button', { name: '下書き保存' }).click();
    await expect(page.getByText('保存しました。')).toBeVisible();
    await expect(page.getByLabel(/セキュリティが問題になった/)).toHaveValue('車載 ECU の更新で署名検証が抜けていた。');
  }

  // Submitting without the required answers is refused, each explained.
  await page.getByRole('button', { name: '提出する' }).click();
  await expect(page.getByText('確認のチェックを入れてください。')).toBeVisible();
  await expect(page.getByLabel(/このトラックで学びたいこと/)).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel(/このトラックで学びたいこと/).fill('脅威分析を現場で回したい。');
  await page.getByLabel('業務や研究で少し').check();
  await page.getByLabel('上記のすべてに同意します').check();
  if (js) await expect(page.getByText(/保存しました: \d\d:\d\d/)).toBeVisible();
  await page.getByRole('button', { name: '提出する' }).click();
  await expect(page.getByText(/提出しました。受付メールをお送りします。/)).toBeVisible();
  await expect(page.getByText('提出済み', { exact: true })).toBeVisible();

  await page.goto('/applications');
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('提出済み');
  if (js) expect(await seriousViolations(page)).toEqual([]);
});
