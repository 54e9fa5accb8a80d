// The gate's route table (api-routes.ts) against the route files: every app/api/**/route.ts is
// listed under the path its folders name ("[ns]" -> ":ns"), with its methods, and nothing else is.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from './api-routes';

const root = path.resolve(__dirname, '../../app/api');

function routeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routeFiles(full));
    else if (entry.name === 'route.ts') out.push(full);
  }
  return out;
}

const pathOf = (file: string) => `/api/${path.relative(root, path.dirname(file)).split(path.sep).map((s) => s.replace(/^\[(\w+)\]$/, ':$1')).join('/')}`;

describe('API_ROUTES', () => {
  it('lists every route file under the path its folders name, and nothing else', () => {
    expect(Object.keys(API_ROUTES).sort()).toEqual(routeFiles(root).map(pathOf).sort());
  });

  it.each(routeFiles(root).map((f) => [pathOf(f), f]))('%s: the module of its route file, with its GET/POST handlers', async (route, file) => {
    const mod = (await import(file)) as Record<string, unknown>;
    const listed = API_ROUTES[route] as unknown as Record<string, unknown>;
    for (const method of ['GET', 'POST']) expect(listed[method], method).toBe(mod[method]);
    expect(Object.keys(mod).filter((k) => /^[A-Z]+$/.test(k)).sort(), 'a method the gate would not serve').toEqual(['GET', 'POST'].filter((m) => mod[m]));
  });
});
