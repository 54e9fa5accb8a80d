// The download links of one answer list: JSON (the CLI's document) and CSV.
const link =
  'rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800';

export function ExportLinks({ query, view }: { query: string; view?: 'pods' | 'service-accounts' }) {
  const csv = view ? `&view=${view}` : '';
  return (
    <span className="flex items-center gap-1.5">
      <span className="text-xs text-slate-500">Export</span>
      <a className={link} href={`/api/export?${query}&format=json`} download>JSON</a>
      <a className={link} href={`/api/export?${query}${csv}&format=csv`} download>CSV</a>
    </span>
  );
}

/** A filter box over a list, with how many rows it keeps. */
export function FilterBox({ label, value, onChange, shown, total }: { label: string; value: string; onChange: (v: string) => void; shown: number; total: number }) {
  return (
    <div className="flex items-center gap-2">
      <input
        type="search"
        aria-label={label}
        placeholder={`${label}…`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="h-7 min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 text-xs text-slate-900 placeholder:text-slate-400 focus:border-sky-500 focus:outline-none dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
      />
      {value ? <span className="shrink-0 text-[11px] text-slate-500" data-testid="filter-count">{shown} of {total}</span> : null}
    </div>
  );
}
