// docs/findings.md carries generated blocks (the catalogue, and the counts per kind on
// realistic-large). This test fails when they are stale; `U=1 npx vitest run lib/engine/findings/docs.test.ts` rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../load/files';
import { buildIndex } from '../query-index';
import { catalogMarkdown, countsMarkdown } from '../../format/findings-catalog-md';
import { scanFindings } from './index';

const root = path.resolve(__dirname, '../../..');
const DOC = path.join(root, 'docs', 'findings.md');

function block(name: string): RegExp {
  return new RegExp(`(<!-- BEGIN GENERATED: ${name} [^>]*-->\\n)([\\s\\S]*?)(<!-- END GENERATED: ${name} -->)`);
}

async function generated(): Promise<Record<string, string>> {
  const { snapshot } = await loadFiles([path.join(root, 'lib/testdata/datasets/realistic-large.json')]);
  const result = scanFindings(buildIndex(snapshot));
  return { catalog: `${catalogMarkdown()}\n`, 'counts-realistic-large': `${countsMarkdown(result.findings)}\n\n(${result.hiddenBuiltin} built-in findings hidden; privileged namespaces: ${result.privilegedNamespaces.join(', ')}.)\n` };
}

describe('docs/findings.md', () => {
  it('generated blocks are current', async () => {
    let text = readFileSync(DOC, 'utf8');
    const blocks = await generated();
    for (const [name, body] of Object.entries(blocks)) {
      const re = block(name);
      expect(re.test(text), `docs/findings.md has no block ${name}`).toBe(true);
      if (process.env.U === '1') text = text.replace(re, (_m, a: string, _b: string, c: string) => `${a}${body}${c}`);
      else expect(re.exec(text)![2], `block ${name} is stale: run U=1 npx vitest run lib/engine/findings/docs.test.ts`).toBe(body);
    }
    if (process.env.U === '1') writeFileSync(DOC, text);
  });
});
