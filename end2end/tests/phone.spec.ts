// Every page type as a person opens it on a phone: a 360 × 740 screen,
// touch, with and without JavaScript. No page may scroll sideways, every
// control a thumb uses is at least 44 px tall (WCAG 2.5.5; links inside
// running text are exempt), and axe finds nothing serious.
import type { Page } from '@playwright/test';
import { test, expect, jsEnabled, seriousViolations, servedMarkupViolations, waitForHydration } from './fixtures';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

/** The demo sign-in's button for each person, and the pages they open. */
const visits: { who: string | null; paths: string[] }[] = [
  {
    who: null,
    paths: ['/', '/programmes/camp', '/programmes/connect/2027', '/programmes/connect/2027/tracks/automotive', '/sign-in', '/alumni', '/events', '/verify'],
  },
  { who: '佐藤 葵（応募者）', paths: ['/account', '/applications', '/programmes/connect/2027/tracks/ai/apply', '/account/credits'] },
  {
    who: '鈴木 健（修了生）',
    paths: ['/account/alumni', '/account/alumni/skills', '/account/alumni/preview', '/alumni?q=a', '/tutor-calls', '/account/availability', '/account/certificates', '/training'],
  },
  { who: '田中 誠（講師）', paths: ['/review', '/manage/connect/2027/tracks/ai/meeting', '/manage/connect/2027/tracks/ai/questions'] },
  {
    who: '伊藤 直子（主催者）',
    paths: [
      '/manage', '/manage/connect', '/manage/connect/2027', '/manage/connect/2027/tracks/ai', '/manage/connect/2027/tracks/ai/questions',
      '/manage/connect/eligibility', '/manage/connect/2027/tracks/ai/review', '/manage/connect/2027/tracks/ai/meeting', '/manage/connect/2027/tracks/ai/roster', '/manage/connect/staffing',
      '/manage/connect/candidates', '/manage/connect/funnel', '/manage/connect/2027/dashboard', '/manage/connect/2027/tracks/ai/completion', '/manage/outbox', '/audit', '/events/new',
      '/manage/connect/announcements',
    ],
  },
  {
    who: '渡辺 健一（管理者）',
    paths: ['/admin/organisers', '/admin/programmes', '/admin/programmes/new', '/admin/programmes/connect', '/admin/fields', '/admin/fields/ai'],
  },
];

/** What a page shows a phone: sideways overflow and too-small controls. */
async function phoneProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      // What sticks out, leaving out what a scrolling box (a wide table's
      // wrapper) already holds.
      const clipped = (el: Element) => {
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
          if (getComputedStyle(up).overflowX !== 'visible') return true;
        }
        return false;
      };
      const wide = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && !clipped(el))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).replace(/ /g, '.')}`);
      problems.push(`scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth} (${wide.join(', ')})`);
    }
    const name = (el: Element) => el.getAttribute('name') ?? el.textContent?.trim().slice(0, 20) ?? '';
    for (const el of document.querySelectorAll('button, input, select, textarea, summary')) {
      const input = el as HTMLInputElement;
      if (input.type === 'hidden') continue;
      let box = el.getBoundingClientRect();
      if (box.width === 0) continue; // not shown (a folded filter, a print-only part)
      // A checkbox or radio is tapped through its label.
      if (input.type === 'checkbox' || input.type === 'radio') {
        const label = el.closest('label') ?? (input.id ? document.querySelector(`label[for="${input.id}"]`) : null);
        if (label) box = label.getBoundingClientRect();
      }
      if (box.height < 43.5) problems.push(`${el.tagName.toLowerCase()} "${name(el)}" is ${Math.round(box.height)} px tall`);
    }
    return problems;
  });
}

for (const { who, paths } of visits) {
  test(`on a phone: ${who ?? 'anyone'}'s pages fit the screen and their controls a thumb`, async ({ page }, testInfo) => {
    testInfo.setTimeout(120_000 + paths.length * 5_000);
    if (who) {
      await page.goto('/sign-in');
      await page.getByRole('button', { name: new RegExp(who) }).click();
      await expect(page.getByRole('banner').getByRole('button', { name: 'サインアウト' })).toBeVisible();
    }
    const found: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      if (jsEnabled(testInfo)) {
        await waitForHydration(page);
        found.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
      } else {
        found.push(...(await servedMarkupViolations(page, path)).map((v) => `${path}: ${v}`));
      }
      found.push(...(await phoneProblems(page)).map((p) => `${path}: ${p}`));
    }
    expect(found).toEqual([]);
  });
}

test('on a phone: the directory shows its results before its filters, and keeps filters in use unfolded', async ({ page }) => {
  await page.goto('/alumni');
  const qualification = page.getByLabel('資格', { exact: true });
  await expect(page.getByRole('searchbox', { name: 'キーワード' })).toBeVisible();
  await expect(qualification).toBeHidden();
  await page.getByText('条件を指定して絞り込む').click();
  await expect(qualification).toBeVisible();

  await page.goto('/alumni?skill=%E6%9A%97%E5%8F%B7');
  await expect(page.getByLabel('スキル', { exact: true })).toBeVisible();
  await expect(page.getByLabel('スキル', { exact: true })).toHaveValue('暗号');
});
