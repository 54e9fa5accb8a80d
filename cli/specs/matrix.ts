import type { Command } from 'commander';
import { MATRIX_RESOURCES } from '../../lib/engine/matrix-resources';
import { addSourceOptions, outputOption, type SourceOptions } from '../options';

export type MatrixOptions = SourceOptions & { namespace?: string; resources?: string; output: string };

export function registerMatrix(program: Command): void {
  const cmd = program
    .command('access-matrix')
    .description('subjects x common resources in one namespace, each cell the verbs allowed (like rakkess)')
    .requiredOption('-n, --namespace <ns>', 'the namespace')
    .option('--resources <list>', `comma-separated resources (default: ${MATRIX_RESOURCES.length} common ones)`)
    .addOption(outputOption(['table', 'json']));
  addSourceOptions(cmd);
  cmd.action(async (o: MatrixOptions) => {
    const { accessMatrix } = await import('../commands/matrix');
    await accessMatrix(o);
  });
}
