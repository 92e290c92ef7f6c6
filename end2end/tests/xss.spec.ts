import { execFileSync } from 'node:child_process';
import type { Locator } from '@playwright/test';
import { test, expect, jsEnabled, waitForHydration, type Page } from './fixtures';
import { offline, provider_login } from './idp';
import { PAYLOADS } from './xss-payloads';

// The browser attack suite: script-injection payloads typed into the text
// fields people write (an organiser's event: title, description, venue; a
// person's own name; an alumni profile's headline, affiliation, experience
// and links; tutor-call notes and a volunteer's statements; credit claims'
// titles, evidence and supervisor; application questions, answers and a
// reviewer's comment), then the pages that show them opened as the writer,
// as someone else and as an anonymous visitor, with JavaScript on and off.
// A field shorter than the sixty payloads gets them over several saves, so
// every payload reaches every field.
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
    await readsBack(description, PAYLOADS);
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

/**
 * The payloads in groups whose text, joined with `sep`, is at most `max`
 * characters: one group per save of a field that holds `max` characters,
 * so that every payload reaches every field.
 */
function groups(max: number, sep = ' '): string[][] {
  const out: string[][] = [[]];
  for (const p of PAYLOADS) {
    const cur = out[out.length - 1];
    if (cur.length > 0 && [...cur, p].join(sep).length > max) out.push([p]);
    else cur.push(p);
  }
  return out;
}

/**
 * Every payload of `group` reads back, as typed, inside `scope`: what
 * `toContainText` checks for each (the text content, white space
 * normalised as Playwright does), read once per try instead of once per
 * payload, retried until all are there. The failure names the missing ones.
 */
async function readsBack(scope: Locator, group: string[]): Promise<void> {
  const normalise = (text: string) => text.replace(/\u200b/g, '').replace(/\s+/g, ' ').trim();
  const wanted = group.map(normalise);
  await expect
    .poll(async () => {
      const shown = normalise((await scope.textContent()) ?? '');
      return wanted.filter((p) => !shown.includes(p));
    }, { message: 'payloads missing from the page' })
    .toEqual([]);
}

test('script typed into an alumni profile is text for the public, the community and organisers', async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const js = jsEnabled(testInfo);
  const ran: string[] = [];
  refuseDialogs(page, ran);
  // Each project edits the profile of a demo person no other spec edits.
  const owner = js ? '田中 誠（講師）' : '高橋 美咲（チューター）';
  const token = js ? 'xssprofilejs' : 'xssprofilenojs';
  const heads = groups(200 - token.length - 1);
  const labels = groups(100);
  // Addresses hold no spaces: the payloads without one, after a '#'.
  const urls = PAYLOADS.filter((p) => !/\s/.test(p)).map((p) => `https://example.jp/#${p}`);
  const narratives = groups(2000, '\n');

  // An anonymous visitor, in a context of its own.
  const visitor = await browser.newContext({ javaScriptEnabled: js, locale: 'ja-JP' });
  const anon = await visitor.newPage();
  const anonRan: string[] = [];
  refuseDialogs(anon, anonRan);

  await signInAs(page, owner);
  const rounds = Math.max(heads.length, Math.ceil(labels.length / 5), Math.ceil(urls.length / 5));
  let profileUrl = '';
  for (let round = 0; round < rounds; round++) {
    await page.goto('/account/alumni');
    if (js) await waitForHydration(page);
    const head = heads[round % heads.length];
    const affiliation = heads[(round + 1) % heads.length];
    await page.getByLabel('ひとこと (200 文字まで)').fill(`${token} ${head.join(' ')}`);
    await page.getByLabel('所属 (200 文字まで)').fill(affiliation.join(' '));
    if (round === 0) {
      await page.getByLabel('表示名（日本語） (100 文字まで)').fill(`${token} の名前`);
      for (let i = 0; i < narratives.length; i++) {
        await page.getByLabel('内容 (2000 文字まで)').nth(i).fill(narratives[i].join('\n'));
      }
      for (const part of ['表示名', 'ひとこと', '所属', '職務経験', 'リンク']) {
        await page.getByLabel(`「${part}」の公開範囲`).selectOption('public');
      }
      await page.getByLabel(/公開名簿.*掲載に同意する/).check();
    }
    const shownLabels: string[] = [];
    const shownUrls: string[] = [];
    for (let i = 0; i < 5; i++) {
      const label = labels[(round * 5 + i) % labels.length].join(' ');
      const url = urls[(round * 5 + i) % urls.length];
      await page.getByLabel(`リンク ${i + 1} の名前 (100 文字まで)`).fill(label);
      await page.getByLabel(`リンク ${i + 1} の URL (300 文字まで)`).fill(url);
      shownLabels.push(label);
      shownUrls.push(url);
    }
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('status')).toHaveText('保存しました。');
    await expect(page.getByLabel('ひとこと (200 文字まで)')).toHaveValue(`${token} ${head.join(' ')}`);
    await nothingRan(page, ran, js);

    // The owner's preview: the public's, the community's and organisers' views.
    await page.goto('/account/alumni/preview');
    for (const view of await page.locator('section.preview').all()) {
      await readsBack(view, head);
      await readsBack(view, affiliation);
      for (let i = 0; i < 5; i++) await readsBack(view, labels[(round * 5 + i) % labels.length]);
    }
    if (round === 0) for (const n of narratives) await readsBack(page.locator('section.preview').first(), n);
    await nothingRan(page, ran, js);

    // The public profile page, as typed, links pointing where they were typed.
    if (!profileUrl) {
      await anon.goto(`/alumni?q=${token}`);
      await expect(anon.locator('#alumni-count')).toHaveText('1 件');
      await anon.getByRole('link', { name: new RegExp(`${token} の名前`) }).click();
      await expect(anon.getByRole('heading', { level: 1 })).toContainText(`${token} の名前`);
      profileUrl = new URL(anon.url()).pathname;
    }
    await anon.goto(profileUrl);
    const profile = anon.locator('dl.profile');
    await readsBack(profile, head);
    await readsBack(profile, affiliation);
    for (let i = 0; i < 5; i++) {
      await expect(profile.getByRole('link', { name: shownLabels[i], exact: true })).toHaveAttribute('href', shownUrls[i]);
    }
    if (round === 0) for (const n of narratives) await readsBack(profile, n);
    await nothingRan(anon, anonRan, js);
  }

  // The directory and the profile as the community and as an organiser.
  const last = heads[(rounds - 1) % heads.length];
  await anon.goto(`/alumni?q=${token}`);
  await readsBack(anon.locator('main'), last);
  await nothingRan(anon, anonRan, js);
  await visitor.close();
  for (const viewer of [js ? '高橋 美咲（チューター）' : '田中 誠（講師）', '伊藤 直子（主催者）']) {
    await signInAs(page, viewer);
    await page.goto(`/alumni?q=${token}`);
    await readsBack(page.locator('main'), last);
    await page.goto(profileUrl);
    await readsBack(page.locator('dl.profile'), last);
    for (const n of narratives) await readsBack(page.locator('dl.profile'), n);
    await nothingRan(page, ran, js);
  }
});

test('script typed into tutor calls, a volunteer statement and credit claims is text for the organiser, owner and supervisor', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const js = jsEnabled(testInfo);
  const ran: string[] = [];
  refuseDialogs(page, ran);
  // Tracks and an alumnus of the demo's Security Camp that rosters.spec.ts
  // does not use for this project.
  const track = js ? 'hardware' : 'systems';
  const alumnus = js ? '鈴木 健（修了生）' : '中村 玲（修了生）';
  const organiser = '小林 浩（キャンプ主催者）';
  const statements = groups(800, '\n');

  // The organiser opens one call per group of payloads, each note a group.
  await signInAs(page, organiser);
  const calls: string[] = [];
  for (const note of statements) {
    await page.goto(`/manage/camp/2027/tracks/${track}/roster`);
    if (js) await waitForHydration(page);
    const before = await page.locator('article.tutor-call').count();
    await page.getByLabel('募集人数').fill('1');
    await page.getByLabel('募集の説明').fill(note.join(' '));
    await page.getByRole('button', { name: '募集を開始' }).click();
    await expect(page.getByRole('status')).toHaveText('保存しました。');
    await expect(page.locator('article.tutor-call')).toHaveCount(before + 1);
    const ids = await page.locator('article.tutor-call').evaluateAll((els) => els.map((e) => e.getAttribute('data-call') ?? ''));
    calls.push(ids.find((id) => !calls.includes(id) && id !== '') ?? '');
    await nothingRan(page, ran, js);
  }

  // The alumnus reads each note and volunteers with a group as statement.
  await signInAs(page, alumnus);
  for (let i = 0; i < calls.length; i++) {
    await page.goto('/tutor-calls');
    if (js) await waitForHydration(page);
    const call = page.locator(`article[data-call="${calls[i]}"]`);
    await readsBack(call, statements[i]);
    await call.getByLabel(/ひとこと/).fill(statements[i].join('\n'));
    await call.getByRole('button', { name: 'チューターに応募する' }).click();
    await expect(page.getByText('保存しました。')).toBeVisible();
    await nothingRan(page, ran, js);
  }

  // Credit claims: one per group of titles, evidence in two groups.
  const titles = groups(200);
  const evidence = groups(2000, '\n');
  // Each project's own supervisors, one per claim (an address gets at most
  // TYPED_MAILS_PER_ADDRESS mails an hour), so its mails are told apart.
  const supervisor = (i: number) => `boss-${testInfo.project.name}-${i}@example.jp`;
  const links: string[] = [];
  for (let i = 0; i < titles.length; i++) {
    await page.goto('/account/credits');
    if (js) await waitForHydration(page);
    await page.getByLabel('活動の内容').fill(titles[i].join(' '));
    await page.getByLabel('時間（例: 1.5）').fill('1');
    await page.getByLabel('日付').fill('2026-10-01');
    await page.getByLabel('証跡（内容の説明）').fill(evidence[i % evidence.length].join('\n'));
    await page.getByLabel('確認者の氏名').fill(titles[(i + 1) % titles.length].join(' '));
    await page.getByLabel('確認者のメールアドレス').fill(supervisor(i));
    await page.getByRole('button', { name: '報告して確認を依頼' }).click();
    await expect(page.getByRole('status')).toContainText('報告しました');
    await readsBack(page.locator('#ledger'), titles[i]);
    await nothingRan(page, ran, js);
    const body = execFileSync('sqlite3', [
      '.tmp/e2e.db',
      `SELECT link_secret FROM outbox_message WHERE template = 'credit_confirm_request' AND recipient_email = '${supervisor(i)}' ORDER BY id DESC LIMIT 1`,
    ]).toString();
    const link = body.match(/\/credits\/confirm\/[0-9a-f]{64}/)?.[0];
    expect(link).toBeDefined();
    links.push(link!);
  }

  // The supervisor's page shows each claim as typed.
  await page.context().clearCookies();
  for (let i = 0; i < links.length; i++) {
    await page.goto(links[i]);
    const facts = page.locator('dl.facts');
    await readsBack(facts, titles[i]);
    if (i < evidence.length) await readsBack(facts, evidence[i]);
    await readsBack(facts, titles[(i + 1) % titles.length]);
    await nothingRan(page, ran, js);
  }

  // The organiser reads every statement on the roster.
  await signInAs(page, organiser);
  await page.goto(`/manage/camp/2027/tracks/${track}/roster`);
  for (let i = 0; i < calls.length; i++) {
    const row = page.locator(`article[data-call="${calls[i]}"] tr`).filter({ hasText: alumnus });
    await readsBack(row, statements[i]);
  }
  await nothingRan(page, ran, js);
});

test('script typed into questions, answers and a review comment is text for the applicant and the reviewer', async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const js = jsEnabled(testInfo);
  const ran: string[] = [];
  refuseDialogs(page, ran);
  // A Connect 2027 track (open for applications) whose review no other
  // spec sets up; the questions added are optional, so the other specs'
  // applicants are not held up by them.
  const [track, trackName] = js ? ['power', '電力・制御システムセキュリティトラック'] : ['automotive', '車載セキュリティトラック'];
  const organiser = '伊藤 直子（主催者）';
  const run = `${testInfo.project.name}-${Date.now()}`;
  // Each prompt starts with a marker the applicant's form is found by.
  const markers = ['設問甲', '設問乙'].map((m) => `${m}-${run}`);
  const prompts = groups(2000 - markers[0].length - 1, '\n');
  expect(prompts.length).toBeLessThanOrEqual(markers.length);
  const answer = PAYLOADS.join('\n');

  // The organiser adds one long-text question per group of payloads.
  await signInAs(page, organiser);
  for (let i = 0; i < prompts.length; i++) {
    await page.goto(`/manage/connect/2027/tracks/${track}/questions`);
    if (js) await waitForHydration(page);
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: '保存する' }) }).last();
    await form.getByLabel('形式').selectOption('long_text');
    await form.getByLabel('設問（日本語）').fill(`${markers[i]}\n${prompts[i].join('\n')}`);
    await form.getByRole('button', { name: '保存する' }).click();
    await expect(page.getByRole('status')).toHaveText('保存しました。');
    // The saved question's form holds the prompt as typed.
    const typed = `${markers[i]}\n${prompts[i].join('\n')}`;
    const values = await page.locator('textarea').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    expect(values).toContain(typed);
    await nothingRan(page, ran, js);
  }

  // A new applicant reads the prompts and answers each with every payload.
  const applicant = await browser.newContext({ javaScriptEnabled: js, locale: 'ja-JP' });
  const a = await applicant.newPage();
  const aRan: string[] = [];
  refuseDialogs(a, aRan);
  const login = `xss-q-${run}`;
  await offline(a);
  await a.goto('/sign-in');
  await a.getByRole('link', { name: /Test IdP/ }).click();
  await provider_login(a, login);
  await expect(a.getByRole('banner').getByText(`IdP ${login}`)).toBeVisible();
  await a.goto(`/programmes/connect/2027/tracks/${track}/apply`);
  await expect(a.getByRole('heading', { level: 1 })).toHaveText(`応募する: ${trackName}`);
  if (js) await waitForHydration(a);
  for (let i = 0; i < prompts.length; i++) {
    const label = a.locator('label', { hasText: markers[i] });
    await readsBack(label, prompts[i]);
    await a.getByLabel(new RegExp(markers[i])).fill(answer);
  }
  // The programme's own questions and rules.
  await a.getByLabel('生年月日').fill('1988-06-15');
  await a.getByLabel('専門分野', { exact: true }).fill('制御システム');
  await a.getByLabel(/セキュリティが問題になった/).fill('変電所の保守端末が外部に繋がっていた。');
  await a.getByLabel(/このトラックで学びたいこと/).fill('脅威モデリングを職場で回したい。');
  await a.getByLabel('業務や研究で少し').check();
  if (js) {
    const saved = a.waitForResponse(
      (res) => res.url().includes('/api/apply/save') && decodeURIComponent(res.request().postData() ?? '').includes('draft[declarations]=yes'),
    );
    await a.getByLabel('上記のすべてに同意します').check();
    expect((await saved).status()).toBe(200);
    await expect(a.getByText(/保存しました: \d\d:\d\d/)).toBeVisible();
  } else {
    await a.getByLabel('上記のすべてに同意します').check();
  }
  await a.getByRole('button', { name: '提出する' }).click();
  await expect(a.getByText(/提出しました。受付メールをお送りします。/)).toBeVisible();
  for (const marker of markers.slice(0, prompts.length)) {
    await expect(a.getByLabel(new RegExp(marker))).toHaveValue(answer);
  }
  await nothingRan(a, aRan, js);
  await applicant.close();

  // The organiser sets up the review: a criterion, the lecturer, assignment.
  const review = `/manage/connect/2027/tracks/${track}/review`;
  await page.goto(review);
  if ((await page.locator('ul.rubric li').count()) === 0) {
    await page.getByLabel('名前（日本語）').fill('技術力');
    await page.getByLabel('重み').fill('1');
    await page.getByLabel('最高点').fill('5');
    await page.getByRole('button', { name: '評価項目を追加' }).click();
    await expect(page.getByRole('status')).toHaveText('保存しました。');
  }
  const criterion = ((await page.locator('ul.rubric li').first().textContent()) ?? '').split(' ×')[0].trim();
  if ((await page.getByRole('row').filter({ hasText: 'demo-lecturer@example.jp' }).count()) === 0) {
    await page.getByLabel('メールアドレス').fill('demo-lecturer@example.jp');
    await page.getByRole('button', { name: '審査員として招待' }).click();
    await expect(page.getByRole('status')).toHaveText('保存しました。');
  }
  // Only this application goes to the lecturer (another spec's applicant
  // may have applied to the track too).
  const mine = page.getByRole('row').filter({ hasText: `IdP ${login}` });
  const decision = (await mine.getByRole('combobox').getAttribute('aria-label')) ?? '';
  const application = /#(\d+)/.exec(decision)?.[1] ?? '';
  expect(application).not.toBe('');
  await page.locator('#assign-app').fill(application);
  await page.locator('#assign-reviewer').selectOption({ label: '田中 誠（講師）' });
  await page.getByRole('button', { name: '割り当てる', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(mine.locator('ul.reviewers')).toContainText('田中 誠（講師）');

  // The reviewer reads the answers as typed and comments with every payload.
  await signInAs(page, '田中 誠（講師）');
  await page.goto('/review');
  await page.getByRole('link', { name: trackName }).click();
  await expect(page).toHaveURL(/\/review\/assignments\/\d+$/);
  const sheet = page.url();
  const answers = page.locator('dl.answers');
  for (const marker of markers.slice(0, prompts.length)) await expect(answers).toContainText(marker);
  await readsBack(answers, PAYLOADS);
  for (const p of prompts) await readsBack(answers, p);
  if (js) await waitForHydration(page);
  await page.getByLabel(new RegExp(criterion)).fill('3');
  await page.getByLabel('コメント').fill(answer);
  await page.getByRole('button', { name: '採点を保存して次へ' }).click();
  await expect(page).not.toHaveURL(sheet);
  await page.goto(sheet);
  await expect(page.getByLabel('コメント')).toHaveValue(answer);
  await readsBack(page.locator('dl.answers'), PAYLOADS);
  await nothingRan(page, ran, js);
});
