import { execFileSync } from 'node:child_process';
import { test, expect, jsEnabled, waitForHydration, seriousViolations, type Page } from './fixtures';

// An organiser invites a lecturer by email from a track's roster; the
// invitee opens the mailed single-use link (read from the outbox as their
// mail client would), then accepts after signing in (with JavaScript) or
// declines without an account (without it). The roster shows the answer,
// and the used link says it was used. Each project works on its own track.

async function signInAs(page: Page, name: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await expect(page.getByRole('banner').getByText(name)).toBeVisible();
}

/** The invitation link mailed to `email` (the latest one): these tests run
 *  without an SMTP server, so it still waits apart from the stored body. */
function mailedLink(email: string): string {
  const body = execFileSync('sqlite3', [
    '.tmp/e2e.db',
    `SELECT link_secret FROM outbox_message WHERE template = 'lecturer_invitation' AND recipient_email = '${email}' ORDER BY id DESC LIMIT 1`,
  ]).toString();
  const link = body.match(/\/invitations\/[0-9a-f]{64}/)?.[0];
  expect(link, body).toBeDefined();
  return link!;
}

test('a lecturer invitation is answered once from its mailed link', async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  const track = js ? 'power' : 'space';
  const email = js ? 'demo-tutor@example.jp' : `guest-lecturer-${track}@example.jp`;
  const invitee = '高橋 美咲（チューター）';
  const organiser = '伊藤 直子（主催者）';
  const roster = `/manage/connect/2027/tracks/${track}/roster`;

  await signInAs(page, organiser);
  await page.goto(roster);
  const form = page.locator('#invite-form');
  await form.getByLabel('メールアドレス').fill(email);
  await form.getByLabel('出身').selectOption('academia');
  await form.getByLabel('所属').fill('電力システム研究所');
  await form.getByRole('button', { name: '招待を送る' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(page.locator('#roster-invitations')).toContainText(email);
  await expect(page.locator('#roster-invitations')).toContainText('回答待ち');

  const link = mailedLink(email);
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('講師のご依頼');
  await expect(page.locator('dl.facts')).toContainText(email);

  if (js) {
    // Accepting needs an account: the page sends the invitee to sign in and back.
    await expect(page.getByRole('button', { name: '引き受ける' })).toBeDisabled();
    await page.locator('#main').getByRole('link', { name: 'サインイン' }).click();
    await page.getByRole('button', { name: new RegExp(invitee) }).click();
    await expect(page).toHaveURL(new RegExp(`${link}$`));
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '引き受ける' }).click();
    await expect(page.getByRole('status')).toHaveText('お引き受けいただきありがとうございます。講師として名簿に載りました。');
  } else {
    await page.getByRole('button', { name: '辞退する' }).click();
    await expect(page.getByRole('status')).toHaveText('ご回答ありがとうございました。辞退を承りました。');
  }

  // The link works once.
  await page.goto(link);
  await expect(page.getByRole('alert')).toHaveText(
    'この招待リンクはすでに使われたか、期限が切れています。主催者に新しい招待を依頼してください。',
  );
  await expect(page.getByRole('button', { name: '辞退する' })).toHaveCount(0);

  await signInAs(page, organiser);
  await page.goto(roster);
  const invitations = page.locator('#roster-invitations tr').filter({ hasText: email });
  await expect(invitations).toContainText(js ? '受諾' : '辞退');
  if (js) {
    await expect(page.locator('#roster-lecturers')).toContainText(invitee);
    await expect(page.locator('#roster-lecturers')).toContainText('電力システム研究所');
  } else {
    await expect(page.locator('#roster-lecturers')).not.toContainText(email);
  }
});
