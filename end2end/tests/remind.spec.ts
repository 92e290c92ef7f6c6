import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { test, expect, jsEnabled, seriousViolations, servedMarkupViolations, waitForHydration, type Page } from './fixtures';

// Reminders and the opt-out of non-essential mail, with JavaScript on and
// off: a person opens the opt-out link of a reminder (opening it changes
// nothing), stops the mail with the page's button, and switches it back on
// from their account page; an organiser sets a review's due date. The two
// projects share one server, so each works as its own person and track.

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

/** The opt-out link of a reminder sent to `email`. These tests run without
 *  an SMTP server, so the mail worker never sends one: the test records a
 *  sent reminder with a fresh token's hash, as the worker does when it puts
 *  the link into a mail, and keeps the token as the recipient would. */
function mailedOptOutLink(email: string): string {
  const token = randomBytes(32).toString('hex');
  const hash = createHash('sha256').update(token).digest('hex');
  const now = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')";
  execFileSync('sqlite3', [
    '.tmp/e2e.db',
    `INSERT INTO outbox_message (recipient_email, recipient_name, language, template, subject, text_body, status, attempts, next_attempt_at, created_at, sent_at, unsubscribe_hash)
     VALUES ('${email}', '', 'ja', 'event_reminder', 'e2e', 'e2e', 'sent', 1, ${now}, ${now}, ${now}, '${hash}')`,
  ]);
  return `/unsubscribe/${token}`;
}

function optedOut(email: string): boolean {
  const out = execFileSync('sqlite3', [
    '.tmp/e2e.db',
    `SELECT mail_opt_out_at IS NOT NULL FROM account WHERE email = '${email}'`,
  ]).toString().trim();
  return out === '1';
}

test('the opt-out link asks first, stops reminders, and the account page turns them back on', async ({ page }, testInfo) => {
  const [email, name] = jsEnabled(testInfo)
    ? ['demo-tutor@example.jp', '高橋 美咲（チューター）']
    : ['demo-lecturer@example.jp', '田中 誠（講師）'];
  const link = mailedOptOutLink(email);

  // Opening the link (no sign-in) shows a question and changes nothing:
  // mail scanners open links too.
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('メールの配信停止');
  await checkAccessibility(page, testInfo);
  expect(optedOut(email)).toBe(false);
  await page.getByRole('button', { name: '配信を停止する' }).click();
  await expect(page.getByRole('status')).toContainText('配信を停止しました');
  expect(optedOut(email)).toBe(true);

  // A link nobody was sent is not found.
  const forged = await page.goto(`/unsubscribe/${'ab'.repeat(32)}`);
  expect(forged?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'ページが見つかりません' })).toBeVisible();

  // Back on from the account page.
  await signInAs(page, name);
  await page.goto('/account');
  const mail = page.getByRole('region', { name: 'リマインダーとお知らせのメール' });
  await expect(mail.locator('#mail-state')).toContainText('配信停止中');
  await checkAccessibility(page, testInfo);
  await mail.getByRole('button', { name: '受け取るように戻す' }).click();
  await expect(mail.locator('#mail-state')).toContainText('受け取っています');
  expect(optedOut(email)).toBe(false);
});

test('an organiser sets when a track review is due and which reminders the programme sends', async ({ page }, testInfo) => {
  const track = jsEnabled(testInfo) ? 'power' : 'iot';
  await signInAs(page, '伊藤 直子（主催者）');
  await page.goto(`/manage/connect/2027/tracks/${track}/review`);
  const due = page.getByLabel('審査の期限（日本時間）');
  // A week ahead at 18:00 JST, as a datetime-local field takes it.
  const day = new Date(Date.now() + 7 * 24 * 3600 * 1000 + 9 * 3600 * 1000).toISOString().slice(0, 10);
  await due.fill(`${day}T18:00`);
  await due.locator('xpath=ancestor::form').getByRole('button', { name: '保存する' }).click();
  await expect(page.getByLabel('審査の期限（日本時間）')).toHaveValue(`${day}T18:00`);
  await page.reload();
  await expect(page.getByLabel('審査の期限（日本時間）')).toHaveValue(`${day}T18:00`);

  // The programme's reminder settings: a bad number is refused and explained.
  await page.goto('/manage/connect/settings');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('リマインダー');
  await checkAccessibility(page, testInfo);
  await page.getByLabel('最初のお知らせを締切の何日前に送るか（2回目は前日）').fill('0');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.locator('.field-error')).toBeVisible();
  await page.getByLabel('最初のお知らせを締切の何日前に送るか（2回目は前日）').fill('3');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await expect(page.getByLabel('最初のお知らせを締切の何日前に送るか（2回目は前日）')).toHaveValue('3');
});
