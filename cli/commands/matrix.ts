import { accessMatrix as matrix, MATRIX_RESOURCES, matrixResource } from '../../lib/engine/matrix';
import { AtlasError } from '../../lib/errors';
import { matrixJson } from '../../lib/format/json';
import { matrixTable } from '../../lib/format/text';
import { loadForCommand } from '../load';
import type { MatrixOptions } from '../specs/matrix';
import { writeJson, writeOut } from '../write';

export async function accessMatrix(o: MatrixOptions): Promise<void> {
  const resources = o.resources ? o.resources.split(',').map((r) => r.trim()).filter(Boolean).map(matrixResource) : MATRIX_RESOURCES;
  if (resources.length === 0) throw new AtlasError('usage', '--resources is empty');
  const { index } = await loadForCommand(o);
  const m = matrix(index, o.namespace!, resources);
  if (o.output === 'json') return writeJson(matrixJson(m));
  await writeOut(matrixTable(m));
}
