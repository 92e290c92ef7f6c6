import type { Page } from '@playwright/test';
import { test, expect, jsEnabled, seriousViolations, servedMarkupViolations, waitForHydration } from './fixtures';
import { offline, provider_login } from './idp';

// File answers in the browser: the organiser adds a file question (PDF, up
// to 1 MB) on the question editor; a new applicant uploads a small PDF
// through the question's own plain form, fills in the rest and submits;
// the submitted file stays, downloadable as an attachment.
//
// The two projects run side by side on one server, both on the quantum
// track, the one Connect 2027 track no spec reviews: an applicant here is
// never assigned to another spec's reviewer. Each adds its own optional
// question, so neither holds up the other's (or apply.spec's) applicants.

const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** Waits patiently: a debug WASM starts slowly on this busy machine. */
async function hydrated(page: Page) {
  await waitForHydration(page, 60_000);
}

test('an applicant uploads a PDF to a file question and submits', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const js = jsEnabled(testInfo);
  const [track, name] = ['quantum', '量子コンピュータ時代の暗号トラック'];
  const run = `${testInfo.project.name}-${Date.now()}`;
  const prompt = `提出資料-${run}`;

  // The organiser adds the file question.
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /伊藤 直子（主催者）/ }).click();
  await page.goto(`/manage/connect/2027/tracks/${track}/questions`);
  if (js) await waitForHydration(page);
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: '保存する' }) }).last();
  await form.getByLabel('形式').selectOption('file');
  await form.getByLabel('設問（日本語）').fill(prompt);
  await form.getByLabel(/ファイルの上限/).fill('1');
  await form.getByLabel('PDF', { exact: true }).check();
  await form.getByLabel('回答必須').uncheck();
  await form.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');

  // A new applicant, in a browser of their own.
  const context = await browser.newContext({ javaScriptEnabled: js, locale: 'ja-JP' });
  const a = await context.newPage();
  const login = `files-${run}`;
  await offline(a);
  await a.goto('/sign-in');
  await a.getByRole('link', { name: /Test IdP/ }).click();
  await provider_login(a, login);
  await expect(a.getByRole('banner').getByText(`IdP ${login}`)).toBeVisible();
  await a.goto(`/programmes/connect/2027/tracks/${track}/apply`);
  await expect(a.getByRole('heading', { level: 1 })).toHaveText(`応募する: ${name}`);
  if (js) await hydrated(a);

  // The upload: the first one makes the draft; the page comes back with it.
  const question = a.locator('fieldset.file-question').filter({ hasText: prompt });
  await expect(question).toContainText('PDF（1 MB まで）');
  await expect(question).toContainText('まだファイルをアップロードしていません。');
  await question.getByLabel('アップロードするファイル').setInputFiles({
    name: 'writeup.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(PDF),
  });
  await question.getByRole('button', { name: 'ファイルをアップロード' }).click();
  await expect(a.getByText('ファイルをアップロードしました。')).toBeVisible();
  const link = question.getByRole('link', { name: 'writeup.pdf' });
  await expect(link).toBeVisible();
  // The file question's controls are accessible, as served and hydrated.
  if (js) {
    await hydrated(a);
    expect(await seriousViolations(a)).toEqual([]);
  } else {
    expect(await servedMarkupViolations(a, `/programmes/connect/2027/tracks/${track}/apply`)).toEqual([]);
  }

  // The rest of the form, then submit.
  await a.getByLabel('生年月日').fill('1988-06-15');
  await a.getByLabel('専門分野', { exact: true }).fill('組込みシステム');
  await a.getByLabel(/セキュリティが問題になった/).fill('衛星の地上局で鍵の更新が手作業だった。');
  await a.getByLabel(/このトラックで学びたいこと/).fill('耐量子暗号への移行計画を立てたい。');
  await a.getByLabel('業務や研究で少し').check();
  if (js) {
    const saved = a.waitForResponse(
      (res) =>
        res.url().includes('/api/apply/save') &&
        decodeURIComponent(res.request().postData() ?? '').includes('draft[declarations]=yes'),
    );
    await a.getByLabel('上記のすべてに同意します').check();
    expect((await saved).status()).toBe(200);
  } else {
    await a.getByLabel('上記のすべてに同意します').check();
  }
  await a.getByRole('button', { name: '提出する' }).click();
  await expect(a.getByText(/提出しました。受付メールをお送りします。/)).toBeVisible();
  await expect(a.getByText('提出済み', { exact: true })).toBeVisible();

  // Submitted: the file stays as it was, with no picker, and downloads as
  // an attachment under its own policy.
  const submitted = a.locator('fieldset.file-question').filter({ hasText: prompt });
  await expect(submitted.getByRole('link', { name: 'writeup.pdf' })).toBeVisible();
  await expect(submitted).toContainText('提出したファイルは提出したときのままです。');
  await expect(submitted.getByLabel('アップロードするファイル')).toHaveCount(0);
  const href = await submitted.getByRole('link', { name: 'writeup.pdf' }).getAttribute('href');
  const res = await a.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect(res.headers()['content-disposition']).toContain('attachment');
  expect(res.headers()['content-security-policy']).toContain('sandbox');
  expect(await res.text()).toBe(PDF);
  await context.close();
});
