// Takes the README's screenshots from a running server:
//   node scripts/screenshot.mjs http://127.0.0.1:3000
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const shots = [
  ['/programmes/connect/2027', 'ja-JP', 'screenshots/cohort-ja.png'],
  ['/programmes/connect/2027/tracks/ai', 'en-GB', 'screenshots/track-en.png'],
];
for (const [path, locale, file] of shots) {
  const page = await browser.newPage({ locale, viewport: { width: 1200, height: 900 } });
  await page.goto(base + path);
  await page.screenshot({ path: file });
  await page.close();
}
await browser.close();
