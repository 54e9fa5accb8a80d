import { chromium } from '@playwright/test';
const [,, url] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage();
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(m.type(), m.text().slice(0, 600)); });
await page.goto(url, { waitUntil: 'networkidle' });
await page.waitForTimeout(1000);
await browser.close();
