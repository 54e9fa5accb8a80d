import type { Command } from 'commander';
import { accessMatrix, MATRIX_RESOURCES, matrixResource } from '../../lib/engine/matrix';
import { AtlasError } from '../../lib/errors';
import { matrixJson } from '../../lib/format/json';
import { matrixTable } from '../../lib/format/text';
import { loadForCommand } from '../load';
import { addSourceOptions, outputOption, type SourceOptions } from '../options';
import { writeJson, writeOut } from '../write';

type Opts = SourceOptions & { namespace?: string; resources?: string; output: string };

export function registerMatrix(program: Command): void {
  const cmd = program
    .command('access-matrix')
    .description('subjects x common resources in one namespace, each cell the verbs allowed (like rakkess)')
    .requiredOption('-n, --namespace <ns>', 'the namespace')
    .option('--resources <list>', `comma-separated resources (default: ${MATRIX_RESOURCES.length} common ones)`)
    .addOption(outputOption(['table', 'json']));
  addSourceOptions(cmd);
  cmd.action(async (o: Opts) => {
    const resources = o.resources ? o.resources.split(',').map((r) => r.trim()).filter(Boolean).map(matrixResource) : MATRIX_RESOURCES;
    if (resources.length === 0) throw new AtlasError('usage', '--resources is empty');
    const { index } = await loadForCommand(o);
    const m = accessMatrix(index, o.namespace!, resources);
    if (o.output === 'json') return writeJson(matrixJson(m));
    await writeOut(matrixTable(m));
  });
}
