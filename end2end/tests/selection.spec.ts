import type { Browser, Page } from '@playwright/test';
import { test, expect, jsEnabled, waitForHydration as waitForIslands } from './fixtures';
import { offline, provider_login } from './idp';

// Issue 4's whole selection, in the browser: two fresh applicants apply to a
// Connect 2027 track and submit; the demo organiser sets up the review, the
// demo lecturer scores them, the organiser accepts one and waitlists the
// other and releases; the accepted one declines, the place goes to the
// waitlisted one, who confirms; the outbox has the mail offering the place.
//
// The two projects run side by side on one server and database: each uses
// its own track and its own applicants (manage.spec.ts edits these two
// tracks' capacity, never below 1).

type Person = { page: Page; problems: string[]; close: () => Promise<void> };

/**
 * A page in a browser context of its own (another person at another
 * computer), watched like the fixture's page: a console error or uncaught
 * error fails the test, except the browser's note on an error answer the
 * test itself caused (counted by status).
 */
async function person(browser: Browser, js: boolean): Promise<Person> {
  const context = await browser.newContext({ javaScriptEnabled: js, locale: 'ja-JP' });
  const page = await context.newPage();
  const problems: string[] = [];
  const expected = new Map<number, number>();
  page.on('response', (res) => {
    const refusedForm = res.status() === 422 && new URL(res.url()).pathname.startsWith('/api/');
    if ((res.request().resourceType() === 'document' && res.status() >= 400) || refusedForm) {
      expected.set(res.status(), (expected.get(res.status()) ?? 0) + 1);
    }
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(msg.text());
    const left = status ? (expected.get(Number(status[1])) ?? 0) : 0;
    if (left > 0) expected.set(Number(status![1]), left - 1);
    else problems.push(`console: ${msg.text()} [${msg.location().url}]`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return { page, problems, close: () => context.close() };
}

/** The fixtures' wait, patient: five pages load a debug WASM at once here. */
async function waitForHydration(page: Page) {
  await waitForIslands(page, 60_000);
}

/** Signs in through the test OpenID Connect provider as a new person `login`. */
async function signInWithIdp(page: Page, login: string) {
  await offline(page);
  await page.goto('/sign-in');
  await page.getByRole('link', { name: /Test IdP/ }).click();
  await provider_login(page, login);
  await expect(page.getByRole('banner').getByText(`IdP ${login}`)).toBeVisible();
}

/** Signs in with a demo sign-in button. */
async function signInAsDemo(page: Page, who: RegExp) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: who }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'サインアウト' })).toBeVisible();
}

/** Applies to the track with a first answer starting with `motive`, and submits. */
async function applyAndSubmit(page: Page, js: boolean, slug: string, name: string, motive: string) {
  await page.goto(`/programmes/connect/2027/tracks/${slug}/apply`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`応募する: ${name}`);
  if (js) await waitForHydration(page);
  await page.getByLabel('生年月日').fill('1988-06-15');
  await page.getByLabel('専門分野', { exact: true }).fill('組込みシステム');
  await page.getByLabel(/セキュリティが問題になった/).fill(motive);
  await page.getByLabel(/このトラックで学びたいこと/).fill('脅威モデリングを職場で回したい。');
  await page.getByLabel('業務や研究で少し').check();
  if (js) {
    // The draft saves itself a moment after the typing stops; submitting
    // while that save is on its way would race it, so wait for the save of
    // the finished form (the last thing ticked is the declaration).
    const saved = page.waitForResponse(
      (res) =>
        res.url().includes('/api/apply/save') &&
        decodeURIComponent(res.request().postData() ?? '').includes('draft[declarations]=yes'),
    );
    await page.getByLabel('上記のすべてに同意します').check();
    expect((await saved).status()).toBe(200);
    await expect(page.getByText(/保存しました: \d\d:\d\d/)).toBeVisible();
  } else {
    await page.getByLabel('上記のすべてに同意します').check();
  }
  await page.getByRole('button', { name: '提出する' }).click();
  await expect(page.getByText(/提出しました。受付メールをお送りします。/)).toBeVisible();
  await expect(page.getByText('提出済み', { exact: true })).toBeVisible();
}

test('apply, review, decide, release, decline, and the waitlisted one takes the place', async ({ page, browser }, testInfo) => {
  // Many sign-ins, two applications, a review and five people's pages, both
  // projects at once on a busy two-core machine: a run alone takes about two
  // minutes, side by side each was seen taking over three.
  test.setTimeout(360_000);
  const js = jsEnabled(testInfo);
  const [slug, name] = js ? ['iot', 'IoT セキュリティトラック'] : ['space', '宇宙システムセキュリティトラック'];
  const run = `${testInfo.project.name}-${Date.now()}`;
  const [loginA, loginB] = [`sel-a-${run}`, `sel-b-${run}`];
  // What the reviewer reads tells the two apart (the review is anonymous).
  const [motiveA, motiveB] = [
    `【${loginA}】車載 ECU の更新で署名検証が抜けていた事例を、原因から対策まで整理した。`,
    `【${loginB}】よくわからない。`,
  ];

  const a = await person(browser, js);
  const b = await person(browser, js);
  const lecturer = await person(browser, js);
  try {
    // 1. A and B apply and submit.
    await signInWithIdp(a.page, loginA);
    await applyAndSubmit(a.page, js, slug, name, motiveA);
    await signInWithIdp(b.page, loginB);
    await applyAndSubmit(b.page, js, slug, name, motiveB);

    // 2. The organiser sets up the review: a rubric, the lecturer as a
    //    reviewer, automatic assignment.
    await signInAsDemo(page, /伊藤 直子（主催者）/);
    const review = `/manage/connect/2027/tracks/${slug}/review`;
    await page.goto(review);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`審査 – ${name}`);
    // There is room for one to be accepted.
    const capacity = (await page.locator('#capacity').textContent()) ?? '';
    const [, accepted, seats] = /合格者数 \/ 定員: (\d+) \/ (\d+)/.exec(capacity) ?? [];
    expect(Number(seats) - Number(accepted), capacity).toBeGreaterThanOrEqual(1);

    if ((await page.locator('ul.rubric li').count()) === 0) {
      await page.getByLabel('名前（日本語）').fill('動機の具体性');
      await page.getByLabel('重み').fill('1');
      await page.getByLabel('最高点').fill('5');
      await page.getByRole('button', { name: '評価項目を追加' }).click();
      await expect(page.getByRole('status')).toHaveText('保存しました。');
    }
    await expect(page.locator('ul.rubric li').first()).toBeVisible();
    const criterion = ((await page.locator('ul.rubric li').first().textContent()) ?? '').split(' ×')[0].trim();

    await page.getByLabel('メールアドレス').fill('demo-lecturer@example.jp');
    await page.getByRole('button', { name: '審査員として招待' }).click();
    await expect(page.getByRole('status')).toHaveText('保存しました。');
    await expect(page.getByRole('row').filter({ hasText: 'demo-lecturer@example.jp' })).toContainText('田中 誠（講師）');

    await page.getByRole('button', { name: '自動で割り当てる' }).click();
    await expect(page.getByRole('status')).toHaveText('保存しました。');
    const rowA = page.getByRole('row').filter({ hasText: `IdP ${loginA}` });
    const rowB = page.getByRole('row').filter({ hasText: `IdP ${loginB}` });
    for (const row of [rowA, rowB]) await expect(row.locator('ul.reviewers')).toContainText('田中 誠（講師）');

    // 3. The lecturer works through the queue, scoring A higher than B.
    await signInAsDemo(lecturer.page, /田中 誠（講師）/);
    await lecturer.page.goto('/review');
    await expect(lecturer.page.getByRole('heading', { level: 1 })).toHaveText('担当する審査');
    await lecturer.page.getByRole('link', { name }).click();
    const sheet = lecturer.page;
    const scored: string[] = [];
    for (let i = 0; i < 2; i++) {
      await expect(sheet).toHaveURL(/\/review\/assignments\/\d+$/);
      await expect(sheet.getByRole('heading', { level: 1 })).toContainText('応募 #');
      const here = sheet.url();
      await expect(sheet.getByText(/この応募は匿名で審査します。/)).toBeVisible();
      await expect(sheet.getByText(`IdP ${loginA}`)).toHaveCount(0);
      await expect(sheet.getByText(`IdP ${loginB}`)).toHaveCount(0);
      const answers = sheet.locator('dl.answers');
      await expect(answers).toContainText(/【sel-[ab]-/);
      const isA = ((await answers.textContent()) ?? '').includes(loginA);
      scored.push(isA ? 'A' : 'B');
      if (js) await waitForHydration(sheet);
      await sheet.getByLabel(new RegExp(criterion)).fill(isA ? '5' : '2');
      await sheet.getByLabel('コメント').fill(isA ? '具体的で筋が通っている。' : '具体性に欠ける。');
      await sheet.getByRole('button', { name: '採点を保存して次へ' }).click();
      // On to the next unfinished one, or "all done".
      await expect(sheet).not.toHaveURL(here);
    }
    expect(scored.sort()).toEqual(['A', 'B']);
    await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('割り当てられた審査はすべて完了しました');

    // 4. The organiser sees A ranked above B, accepts A, waitlists B, releases.
    await page.goto(review);
    await expect(rowA.locator('td').first()).toHaveText('1');
    await expect(rowB.locator('td').first()).toHaveText('2');
    const scoreA = Number(await rowA.locator('td').nth(2).textContent());
    const scoreB = Number(await rowB.locator('td').nth(2).textContent());
    expect(scoreA).toBeGreaterThan(scoreB);

    await rowA.getByRole('combobox').selectOption('accepted');
    await rowA.getByRole('button', { name: '決定' }).click();
    await expect(page.getByRole('status')).toHaveText('保存しました。');
    await expect(rowA.locator('td.decision')).toContainText('合格');
    await rowB.getByRole('combobox').selectOption('waitlisted');
    await rowB.getByRole('button', { name: '決定' }).click();
    await expect(page.getByRole('status')).toHaveText('保存しました。');
    await expect(rowB.locator('td.decision')).toContainText('補欠');
    await expect(rowB.locator('td').nth(6)).toHaveText('1');

    await page.getByRole('button', { name: '選考結果を公開する' }).click();
    await expect(page.getByRole('status')).toHaveText('保存しました。');
    await expect(rowA.locator('td.decision')).toContainText('合格 回答待ち');
    await expect(rowB.locator('td.decision')).toContainText('補欠');
    await expect(rowA.getByRole('button', { name: '決定' })).toHaveCount(0);

    // 5. A sees the offer and declines it.
    await a.page.goto('/applications');
    const mineA = a.page.getByRole('row').filter({ hasText: name });
    await expect(mineA).toContainText('参加のご案内があります');
    await mineA.getByRole('link', { name: '案内を見る' }).click();
    await expect(a.page).toHaveURL(/\/offers\/\d+$/);
    await expect(a.page.getByRole('heading', { level: 1 })).toHaveText(`参加のご案内 – ${name}`);
    await expect(a.page.locator('#offer-status')).toHaveText('回答待ち');
    await expect(a.page.getByText('回答期限:')).toBeVisible();
    if (js) await waitForHydration(a.page);
    await a.page.getByRole('button', { name: '辞退する' }).click();
    await expect(a.page.getByRole('status')).toHaveText('保存しました。');
    await expect(a.page.locator('#offer-status')).toHaveText('辞退');
    await expect(a.page.getByRole('button', { name: '参加を確定する' })).toHaveCount(0);
    await a.page.goto('/applications');
    await expect(a.page.getByRole('row').filter({ hasText: name })).toContainText('参加辞退');

    // 6. The place goes to B, who confirms.
    await b.page.goto('/applications');
    const mineB = b.page.getByRole('row').filter({ hasText: name });
    await expect(mineB).toContainText('参加のご案内があります');
    await mineB.getByRole('link', { name: '案内を見る' }).click();
    await expect(b.page).toHaveURL(/\/offers\/\d+$/);
    await expect(b.page.locator('#offer-status')).toHaveText('回答待ち');
    if (js) await waitForHydration(b.page);
    await b.page.getByRole('button', { name: '参加を確定する' }).click();
    await expect(b.page.getByRole('status')).toHaveText('保存しました。');
    await expect(b.page.locator('#offer-status')).toHaveText('参加確定');
    await expect(b.page.getByRole('button', { name: '辞退する' })).toHaveCount(0);
    await b.page.goto('/applications');
    await expect(b.page.getByRole('row').filter({ hasText: name })).toContainText('参加確定');

    // The organiser's ranking shows it too.
    await page.goto(review);
    await expect(rowA.locator('td.decision')).toContainText('辞退');
    await expect(rowB.locator('td.decision')).toContainText('合格 参加確定');

    // 7. The outbox has the mail that offered B the freed place.
    await page.goto('/manage/outbox');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('送信メール');
    const offerMail = page
      .getByRole('row')
      .filter({ hasText: `${loginB}@idp.example.jp` })
      .filter({ hasText: `【Camp Connect】${name}の参加枠が空きました` });
    await expect(offerMail).toHaveCount(1);
    await expect(offerMail).toContainText('waitlist_offer');
  } finally {
    const problems = [...a.problems, ...b.problems, ...lecturer.problems];
    await Promise.all([a.close(), b.close(), lecturer.close()]);
    expect(problems, 'no console or page errors in the other people\'s pages').toEqual([]);
  }
});
