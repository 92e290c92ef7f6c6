import { test, expect, jsEnabled, waitForHydration } from './fixtures';

test('switch to English and back; the choice is remembered', async ({ page }, testInfo) => {
  await page.goto('/programmes/connect/2027?field=ai');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  if (jsEnabled(testInfo)) await waitForHydration(page);

  await page.getByRole('link', { name: /English/ }).click();
  await expect(page).toHaveURL(/\/programmes\/connect\/2027\?field=ai$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Security Camp Connect 2027');
  await expect(page.locator('.track-card h4')).toHaveText(['AI Security']);

  // Another page, opened afresh, stays in English (the cookie).
  await page.goto('/programmes/camp');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Security Camp');

  await page.getByRole('link', { name: /日本語/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('セキュリティ・キャンプ');
});

test.describe('a browser that prefers English', () => {
  test.use({ locale: 'en-GB' });
  test('gets English without choosing', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Security Camp programmes');
  });
});
