#!/usr/bin/env node
// Part of CI's smoke test (scripts/smoke-start.sh): a person opens the URL `npm start` printed in Debian's
// Chromium (never a downloaded browser), sees the German sign-in page, signs in with the demo account and gets to
// the demo group. Usage: node scripts/smoke-browser.js http://localhost:3999
const { chromium } = require('playwright-core');

const base = process.argv[2];
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

(async () => {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(base);
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor({ timeout: 20_000 });
    if ((await page.getAttribute('html', 'lang')) !== 'de') throw new Error('the page is not German');
    await page.getByLabel('E-Mail-Adresse').fill('admin@runde.demo');
    await page.getByLabel('Passwort', { exact: true }).fill('runde-demo-2026');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: 'Übersicht', level: 1 }).waitFor({ timeout: 20_000 });
    await page.getByText('Steuerungskreis Netzwerk Integration').first().waitFor({ timeout: 10_000 });
    if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
    console.log('[smoke] Chromium: the German sign-in page, the demo account signs in and sees its group');
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(`[smoke] Chromium: ${error.message}`);
  process.exit(1);
});
