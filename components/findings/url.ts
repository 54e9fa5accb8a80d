// URLs of the Findings view: the filters, sort and built-in switch live in the search params.
import { withParams, type Params } from '../query/url';

export const FINDINGS_PATH = '/findings';

/** The view's keys, in a stable order (the others are dropped). */
export const FINDINGS_KEYS = ['builtin', 'sev', 'kind', 'ns', 'q', 'sort', 'dir', 'all'] as const;

/** The current view's URL with some keys changed (null removes a key). */
export function findingsHref(current: Readonly<Record<string, string | undefined>>, changes: Params = {}, path: string = FINDINGS_PATH): string {
  const out: Params = {};
  for (const k of FINDINGS_KEYS) out[k] = k in changes ? changes[k] : current[k];
  return withParams(path, out);
}

/** The export link of one format, with the view's built-in switch, filters and sort (every row, not one page). */
export function exportHref(current: Readonly<Record<string, string | undefined>>, format: string): string {
  const out: Params = {};
  for (const k of FINDINGS_KEYS) if (k !== 'all') out[k] = current[k];
  out.format = format;
  return withParams('/api/findings/export', out);
}

/** One finding's own view: what it is, the remediation and the exact grants to change. */
export function findingDetailHref(id: string): string {
  return `${FINDINGS_PATH}/finding?${new URLSearchParams({ id })}`;
}
