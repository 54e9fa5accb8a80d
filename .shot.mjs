import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const [,, base, ...pairs] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(process.env.W ?? 1280), height: Number(process.env.H ?? 800) } });
if (process.env.UPLOAD) {
  const r = await page.request.post(base + '/api/upload', { data: { files: [{ name: 'realistic-large.json', text: readFileSync(process.env.UPLOAD, 'utf8') }] } });
  console.log('upload', r.status());
}
for (const pair of pairs) {
  const [name, path, action] = pair.split('=');
  const t = Date.now();
  await page.goto(base + path, { waitUntil: 'networkidle', timeout: 120000 });
  if (action) await eval(action);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: !!process.env.FULL });
  console.log(name, Date.now() - t, 'ms');
}
await browser.close();
