// lib/testdata/datasets/realistic-large.json as the browser's data source: uploaded once per worker
// (the server keeps uploads in memory), then chosen for each test's browser context by its cookie.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

const FILE = path.resolve(__dirname, '../../lib/testdata/datasets/realistic-large.json');
const COOKIE = 'atlas-source';

let uploaded: Promise<string> | undefined;

async function upload(page: Page): Promise<string> {
  const res = await page.request.post('/api/upload', { data: { files: [{ name: 'realistic-large.json', text: await readFile(FILE, 'utf8') }] }, timeout: 120_000 });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { source: { id: string } }).source.id;
}

/** Makes realistic-large the page's data source (returns its source id); uploads again if the server let it go. */
export async function useRealisticLarge(page: Page, baseURL: string): Promise<string> {
  for (let attempt = 0; attempt < 2; attempt++) {
    uploaded ??= upload(page);
    const id = await uploaded;
    await page.context().addCookies([{ name: COOKIE, value: id, url: baseURL }]);
    const current = (await (await page.request.get('/api/source')).json()) as { id?: string };
    if (current.id === id) return id;
    uploaded = undefined; // evicted by other uploads: the cookie fell back to the configured source
  }
  throw new Error('realistic-large could not be made the data source');
}
