import { parseBaseline } from '../../lib/engine/findings/baseline';
import { FINDING_IDS, findingKindOf } from '../../lib/engine/findings/catalog';
import { isoDay, reportExitCode, runScan } from '../../lib/engine/findings/scan';
import type { FindingKind } from '../../lib/engine/findings/types';
import { AtlasError } from '../../lib/errors';
import { escapeTerminal } from '../../lib/format/escape/terminal';
import { leftOutLines } from '../../lib/format/findings-common';
import { renderScanChunks } from '../../lib/format/findings-render';
import { loadFindingsConfig, readUserFile } from '../../lib/load/findings-config-file';
import { loadForCommand } from '../load';
import { terminalWidth } from '../options';
import type { ScanOptions } from '../specs/scan';
import { writeOut } from '../write';

declare const __VERSION__: string;

function parseKinds(list: string[]): FindingKind[] | undefined {
  if (list.length === 0) return undefined;
  return list.flatMap((s) => s.split(',')).map((name) => {
    const kind = findingKindOf(name.trim());
    if (!kind) throw new AtlasError('usage', `unknown finding kind "${name}" (known: ${Object.values(FINDING_IDS).join(', ')})`);
    return kind;
  });
}

export async function scan(o: ScanOptions): Promise<void> {
  const kinds = parseKinds(o.kind);
  const config = await loadFindingsConfig(o.config);
  const baseline = o.baseline === undefined ? undefined : parseBaseline(readUserFile(o.baseline, 'baseline'));
  if (baseline && !baseline.ok) throw new AtlasError('usage', `invalid baseline ${o.baseline}: ${baseline.error}`);

  const loaded = await loadForCommand(o);
  const report = runScan(loaded.index, {
    ...(config ? { config } : {}),
    includeBuiltin: o.includeBuiltin === true,
    ...(kinds ? { kinds } : {}),
    ...(baseline?.ok ? { baseline: baseline.ids } : {}),
    ...(o.failOn ? { failOn: o.failOn } : {}),
    today: isoDay(new Date()),
    tool: { name: 'rbac-atlas', version: typeof __VERSION__ === 'string' ? __VERSION__ : 'dev' },
    source: loaded.snapshot.meta.source,
  });
  const width = o.output === 'table' ? terminalWidth() : undefined;
  await writeOut(await renderScanChunks(report, o.output, { files: new Set(loaded.files), ...(width ? { width } : {}) }));
  if (!['table', 'markdown', 'html'].includes(o.output)) {
    for (const line of leftOutLines(report)) process.stderr.write(`note: ${escapeTerminal(line)}\n`);
  }
  process.exitCode = reportExitCode(report);
}
