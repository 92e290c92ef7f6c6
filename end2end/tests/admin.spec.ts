import { test, expect, jsEnabled, waitForHydration } from './fixtures';

test('an administrator makes someone an organiser, the log shows it, then revokes it', async ({ page }, testInfo) => {
  // The two projects run side by side on one server: each grants to its own person.
  const [email, name] = jsEnabled(testInfo)
    ? ['demo-alumnus@example.jp', '鈴木 健（修了生）']
    : ['demo-applicant@example.jp', '佐藤 葵（応募者）'];
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /渡辺 健一（管理者）/ }).click();
  await page.getByRole('banner').getByRole('link', { name: '管理', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('主催者の管理');
  if (jsEnabled(testInfo)) await waitForHydration(page);

  // An unknown email is explained, nothing granted.
  await page.getByLabel('メールアドレス').fill('nobody@example.jp');
  await page.getByLabel('プログラム').selectOption('camp');
  await page.getByRole('button', { name: '主催者にする' }).click();
  await expect(page.getByText('このメールアドレスのアカウントはありません。')).toBeVisible();

  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('プログラム').selectOption('camp');
  await page.getByRole('button', { name: '主催者にする' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('セキュリティ・キャンプ');

  await page.goto('/audit?q=organiser');
  await expect(page.getByRole('cell', { name: `${email} made an organiser of camp` }).first()).toBeVisible();

  await page.goto('/admin/organisers');
  if (jsEnabled(testInfo)) await waitForHydration(page);
  await page.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: /取り消す/ }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
});

test('an administrator creates a programme and a field, and the public pages show them', async ({ page }, testInfo) => {
  // The two projects run side by side on one server: each makes its own.
  const tag = jsEnabled(testInfo) ? 'js' : 'nojs';
  const [slug, name, fieldSlug, fieldName] = [`junior-${tag}`, `ジュニア（${tag}）`, `social-${tag}`, `社会科学（${tag}）`];
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /渡辺 健一（管理者）/ }).click();
  await page.getByRole('banner').getByRole('link', { name: '管理', exact: true }).click();
  await page.getByRole('navigation', { name: '管理メニュー' }).getByRole('link', { name: 'プログラムの管理' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('プログラムの管理');
  await page.getByRole('link', { name: 'プログラムを追加' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('プログラムを追加');
  if (jsEnabled(testInfo)) await waitForHydration(page);

  // A taken URL name is explained, and what was typed stays.
  await page.getByLabel('URL 名（半角英小文字・数字・ハイフン）').fill('camp');
  await page.getByLabel('種類').selectOption('camp');
  await page.getByLabel('名前（日本語）').fill(name);
  await page.getByLabel('名前（英語）').fill(`Junior (${tag})`);
  await page.getByLabel('説明（日本語）').fill('中学生・高校生のためのセキュリティ・キャンプです。');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByText('この URL 名はすでに使われています。別の名前にしてください。')).toBeVisible();
  await expect(page.getByLabel('名前（日本語）')).toHaveValue(name);

  await page.getByLabel('URL 名（半角英小文字・数字・ハイフン）').fill(slug);
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

  // The home page lists it; its page describes it.
  await page.goto('/');
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByText('中学生・高校生のためのセキュリティ・キャンプです。')).toBeVisible();

  // A new field, offered on the track form.
  await page.goto('/admin/fields');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('分野の管理');
  if (jsEnabled(testInfo)) await waitForHydration(page);
  await page.getByLabel('URL 名（半角英小文字・数字・ハイフン）').fill(fieldSlug);
  await page.getByLabel('名前（日本語）').fill(fieldName);
  await page.getByLabel('名前（英語）').fill(`Social sciences (${tag})`);
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fieldName);
  await page.getByRole('navigation', { name: '現在位置' }).getByRole('link', { name: '分野の管理' }).click();
  await expect(page.getByRole('row', { name: new RegExp(fieldName) })).toContainText(fieldSlug);

  // A cohort of the new programme with a track in the new field: the
  // public cohort page filters by it.
  await page.goto(`/manage/${slug}`);
  if (jsEnabled(testInfo)) await waitForHydration(page);
  await page.locator('#new-cohort-slug').fill('2028');
  await page.locator('#new-cohort-title_ja').fill(`${name} 2028`);
  await page.locator('#new-cohort-title_en').fill(`Junior ${tag} 2028`);
  await page.locator('#new-cohort-applications_open_at').fill('2027-11-01T10:00');
  await page.locator('#new-cohort-applications_close_at').fill('2028-01-15T12:00');
  await page.locator('#new-cohort-sessions_start_at').fill('2028-03-01T09:00');
  await page.locator('#new-cohort-sessions_end_at').fill('2028-03-05T17:00');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  if (jsEnabled(testInfo)) await waitForHydration(page);
  await page.locator('#new-track-slug').fill('society');
  await page.locator('#new-track-name_ja').fill('社会とセキュリティ');
  await page.locator('#new-track-name_en').fill('Society and Security');
  await page.locator('#new-track-summary_ja').fill('社会科学の視点からセキュリティを考えます。');
  await page.locator('#new-track-field').selectOption(fieldSlug);
  await page.locator('form').filter({ has: page.locator('#new-track-slug') }).getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');

  await page.goto(`/programmes/${slug}/2028?field=${fieldSlug}`);
  await expect(page.getByRole('link', { name: '社会とセキュリティ' })).toBeVisible();
  await expect(page.getByText(fieldName).first()).toBeVisible();
});
