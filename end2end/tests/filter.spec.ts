import { test, expect, jsEnabled, waitForHydration } from './fixtures';

test('filter a cohort\'s tracks by field', async ({ page }, testInfo) => {
  await page.goto('/programmes/connect/2027');
  if (jsEnabled(testInfo)) await waitForHydration(page);
  const filter = page.getByRole('navigation', { name: '分野で絞り込む' });
  const tracks = page.locator('.track-card h4');
  await expect(tracks).toHaveCount(6);

  await filter.getByRole('link', { name: '量子コンピュータ' }).click();
  await expect(page).toHaveURL(/\?field=quantum#tracks$/);
  await expect(tracks).toHaveText(['量子コンピュータ時代の暗号トラック']);
  await expect(filter.getByRole('link', { name: '量子コンピュータ' })).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('heading', { level: 3, name: '産業コネクト' })).toHaveCount(0);

  await filter.getByRole('link', { name: '自動車' }).click();
  await expect(tracks).toHaveText(['車載セキュリティトラック']);

  await filter.getByRole('link', { name: 'すべての分野' }).click();
  await expect(tracks).toHaveCount(6);
});

test('a filter link can be shared', async ({ page }) => {
  await page.goto('/programmes/connect/2027?field=iot');
  await expect(page.locator('.track-card h4')).toHaveText(['IoT セキュリティトラック']);
});
