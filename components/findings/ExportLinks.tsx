// Downloads of the findings shown (built-in switch, filters and sort applied) in every scan format.
import { exportHref } from './url';

const FORMATS = [
  ['json', 'JSON', 'rbac-atlas scan -o json: also a --baseline for CI'],
  ['csv', 'CSV', 'one row per finding, for a spreadsheet'],
  ['sarif', 'SARIF', 'SARIF 2.1.0, for GitHub / GitLab code scanning'],
  ['markdown', 'Markdown', 'for a ticket or a pull-request comment'],
  ['html', 'HTML report', 'one self-contained file, readable when printed'],
] as const;

const link = 'rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800';

export function ExportLinks({ current }: { current: Readonly<Record<string, string | undefined>> }) {
  return (
    <div role="group" aria-label="Export findings" className="flex flex-wrap items-center gap-1.5">
      <span className="text-xs text-slate-500">Export</span>
      {FORMATS.map(([format, label, title]) => (
        <a key={format} className={link} href={exportHref(current, format)} title={title} download>
          {label}
        </a>
      ))}
    </div>
  );
}
