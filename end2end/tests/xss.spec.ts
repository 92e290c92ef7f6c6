import { test, expect, jsEnabled, type Page } from './fixtures';
import { offline, provider_login } from './idp';
import { PAYLOADS } from './xss-payloads';

// The browser attack suite: script-injection payloads typed into the text
// fields people write (an organiser's event: title, description, venue; a
// person's own name), then the pages that show them opened as the writer,
// as someone else and as an anonymous visitor, with JavaScript on and off.
// Nothing may run: a dialog fails the test, `window.__xss` must stay unset,
// and the shared fixture fails on any console error, which includes the
// browser's report of an inline script or handler blocked by the
// Content-Security-Policy (so an escaping mistake shows even where the
// policy stops it). Every payload must read back exactly as typed.

/** Fails the test if any payload opens a dialog. */
function refuseDialogs(page: Page, ran: string[]): void {
  page.on('dialog', async (dialog) => {
    ran.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
}

/** Nothing ran on the current page. */
async function nothingRan(page: Page, ran: string[], js: boolean): Promise<void> {
  expect(ran).toEqual([]);
  if (js) expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null)).toBeNull();
}

async function signInAs(page: Page, name: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await expect(page.getByRole('banner').getByText(name)).toBeVisible();
}

function inAWeek(hours: number): string {
  const t = new Date(Date.now() + 7 * 24 * 3600 * 1000 + 9 * 3600 * 1000 + hours * 3600 * 1000);
  return t.toISOString().slice(0, 16);
}

test('script typed into an event and a name is shown as text and never runs', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const js = jsEnabled(testInfo);
  const ran: string[] = [];
  refuseDialogs(page, ran);
  const title = `</title><script>window.__xss=1</script>攻撃テスト ${testInfo.project.name} ${Date.now()}`;
  const venue = '"><img src=x onerror=window.__xss=1>会場';

  // An organiser writes the event.
  await signInAs(page, '伊藤 直子（主催者）');
  await page.goto('/events/new');
  await page.getByLabel('タイトル（日本語）').fill(title);
  await page.getByLabel('説明（日本語）').fill(PAYLOADS.join('\n'));
  await page.getByLabel('会場').fill(venue);
  await page.getByLabel('種類').selectOption('study_session');
  await page.getByLabel('開始（日本時間）').fill(inAWeek(0));
  await page.getByLabel('終了（日本時間）').fill(inAWeek(2));
  await page.getByLabel('定員').fill('5');
  await page.getByLabel('対象').selectOption('public');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const eventUrl = new URL(page.url()).pathname;

  /** The event page shows every payload as typed, and nothing ran. */
  const eventReadsBack = async () => {
    await page.goto(eventUrl);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    expect(await page.title()).toContain(title);
    const description = page.locator('.description');
    for (const payload of PAYLOADS) await expect(description).toContainText(payload);
    await expect(page.getByText(venue).first()).toBeVisible();
    await nothingRan(page, ran, js);
  };
  await eventReadsBack();

  // Someone else, with a name that is itself a payload, signs up.
  const name = `<img src=x onerror=window.__xss=1>攻撃 ${testInfo.project.name}`;
  const login = `xss-${testInfo.project.name}-${Date.now()}`;
  await page.context().clearCookies();
  await offline(page);
  await page.goto('/sign-in');
  await page.getByRole('link', { name: /Test IdP/ }).click();
  await provider_login(page, login);
  await page.getByRole('banner').getByRole('link', { name: `IdP ${login}` }).click();
  await page.getByLabel('名前（日本語）').fill(name);
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name })).toBeVisible();
  await nothingRan(page, ran, js);
  await eventReadsBack();
  await page.getByRole('button', { name: '参加登録' }).click();
  await expect(page.locator('p.status')).toHaveText('参加登録済み');
  await nothingRan(page, ran, js);

  // The organiser sees the new participant's name as text.
  await signInAs(page, '伊藤 直子（主催者）');
  await eventReadsBack();
  await expect(page.getByText(name).first()).toBeVisible();

  // And an anonymous visitor sees the public event the same way.
  await page.context().clearCookies();
  await eventReadsBack();
  await page.goto('/events');
  await expect(page.getByText(title).first()).toBeVisible();
  await nothingRan(page, ran, js);
});
