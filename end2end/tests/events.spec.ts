import { execFileSync } from 'node:child_process';
import { test, expect, jsEnabled, seriousViolations, servedMarkupViolations, waitForHydration, type Page } from './fixtures';

// Community events and activity credits, with JavaScript on and off. The
// two projects share one server, so each works on an event and an
// activity of its own (named after the project).

async function signInAs(page: Page, name: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await expect(page.getByRole('banner').getByText(name)).toBeVisible();
}

/** axe over the hydrated page with JavaScript, over the served markup without. */
async function checkAccessibility(page: Page, testInfo: { project: { use: { javaScriptEnabled?: boolean } } }): Promise<void> {
  if (jsEnabled(testInfo)) {
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
  } else {
    const url = new URL(page.url());
    expect(await servedMarkupViolations(page, url.pathname + url.search)).toEqual([]);
  }
}

/** A JST date and time a week from now, as a datetime-local field takes it. */
function inAWeek(hours: number): string {
  const t = new Date(Date.now() + 7 * 24 * 3600 * 1000 + 9 * 3600 * 1000 + hours * 3600 * 1000);
  return t.toISOString().slice(0, 16);
}

test('an event fills up; a late RSVP is waitlisted and moves up when someone cancels', async ({ page }, testInfo) => {
  const title = `暗号勉強会 ${testInfo.project.name} ${Date.now()}`;
  const organiser = '伊藤 直子（主催者）';
  const first = '佐藤 葵（応募者）';
  const late = jsEnabled(testInfo) ? '高橋 美咲（チューター）' : '田中 誠（講師）';

  await signInAs(page, organiser);
  await page.goto('/events');
  await page.getByRole('link', { name: 'イベントを作成' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('イベントを作成');
  await page.getByLabel('タイトル（日本語）').fill(title);
  await page.getByLabel('種類').selectOption('study_session');
  await page.getByLabel('開始（日本時間）').fill(inAWeek(0));
  await page.getByLabel('終了（日本時間）').fill(inAWeek(2));
  await page.getByLabel('定員').fill('1');
  await page.getByLabel('対象').selectOption('public');
  await page.getByLabel('付与クレジット（時間）').fill('2');
  await checkAccessibility(page, testInfo);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const eventUrl = new URL(page.url()).pathname;

  await signInAs(page, first);
  await page.goto(eventUrl);
  await page.getByRole('button', { name: '参加登録' }).click();
  await expect(page.locator('p.status')).toHaveText('参加登録済み');

  await signInAs(page, late);
  await page.goto(eventUrl);
  await page.getByRole('button', { name: 'キャンセル待ちに登録' }).click();
  await expect(page.getByRole('status').first()).toContainText('キャンセル待ちに登録しました');
  await expect(page.locator('p.status')).toContainText('キャンセル待ち（順番 1）');
  await checkAccessibility(page, testInfo);

  await signInAs(page, first);
  await page.goto(eventUrl);
  await page.getByRole('button', { name: '参加をキャンセル' }).click();
  await expect(page.getByRole('status').first()).toHaveText('参加をキャンセルしました。');

  await signInAs(page, late);
  await page.goto(eventUrl);
  await expect(page.locator('p.status')).toHaveText('参加登録済み');
  await page.goto('/events');
  await expect(page.locator('article.event').filter({ hasText: title })).toContainText('1 / 1');
  await checkAccessibility(page, testInfo);
});

test('a supervisor approves a reported activity from the mailed link', async ({ page }, testInfo) => {
  const activity = `社内研修の講師 ${testInfo.project.name} ${Date.now()}`;
  await signInAs(page, '鈴木 健（修了生）');
  await page.goto('/account/credits');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('活動クレジット');
  await page.getByLabel('活動の内容').fill(activity);
  await page.getByLabel('時間（例: 1.5）').fill('1.5');
  await page.getByLabel('日付').fill('2026-10-01');
  await page.getByLabel('証跡（内容の説明）').fill('新人向けのセキュリティ研修で 90 分講義しました。');
  await page.getByLabel('確認者の氏名').fill('上司 太郎');
  await page.getByLabel('確認者のメールアドレス').fill('boss@example.jp');
  await page.getByRole('button', { name: '報告して確認を依頼' }).click();
  await expect(page.getByRole('status')).toContainText('報告しました');
  await expect(page.locator('#ledger tr').filter({ hasText: activity })).toContainText('確認待ち');
  await checkAccessibility(page, testInfo);

  // The supervisor's link, waiting in the outbox (no SMTP server here; the
  // stored body has a placeholder and the link is erased once sent).
  const body = execFileSync('sqlite3', [
    '.tmp/e2e.db',
    `SELECT link_secret FROM outbox_message WHERE template = 'credit_confirm_request' AND text_body LIKE '%${activity}%'`,
  ]).toString();
  const link = body.match(/\/credits\/confirm\/[0-9a-f]{64}/)?.[0];
  expect(link).toBeDefined();

  await page.context().clearCookies();
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('活動の確認');
  await expect(page.locator('dl.facts')).toContainText(activity);
  await checkAccessibility(page, testInfo);
  await page.getByRole('button', { name: '承認する' }).click();
  await expect(page.getByRole('status')).toHaveText('承認しました。ご協力ありがとうございました。');

  // The link works once.
  await page.goto(link!);
  await expect(page.getByRole('alert')).toContainText('この確認リンクはすでに使われたか、期限が切れています');
  await expect(page.getByRole('button', { name: '承認する' })).toHaveCount(0);

  await signInAs(page, '鈴木 健（修了生）');
  await page.goto('/account/credits');
  await expect(page.locator('#ledger tr').filter({ hasText: activity })).toContainText('確認済み');
});
