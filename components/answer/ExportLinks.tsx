// The download links of one answer list: JSON (the CLI's document) and CSV.
const link =
  'rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800';

/** `query`: the export's parameters (the question, or `view=subject&...`); `view`: a list of the effective answer, for its CSV. */
export function ExportLinks({ query, view, label = 'Export', title }: { query: string; view?: 'pods' | 'service-accounts'; label?: string; title?: string }) {
  const csv = view ? `&view=${view}` : '';
  return (
    <span className="flex items-center gap-1.5">
      <span className="text-xs text-slate-500" {...(title ? { title } : {})}>{label}</span>
      <a className={link} href={`/api/export?${query}&format=json`} download>JSON</a>
      <a className={link} href={`/api/export?${query}${csv}&format=csv`} download>CSV</a>
    </span>
  );
}

/**
 * A filter (or search) box over a list, with how many rows it keeps when `shown` and `total` are
 * given. `placeholder` defaults to the label; `size`: "sm" in the answer's lists, "md" in a side bar.
 */
export function FilterBox({ label, value, onChange, shown, total, placeholder = `${label}…`, size = 'sm' }: { label: string; value: string; onChange: (v: string) => void; shown?: number; total?: number; placeholder?: string; size?: 'sm' | 'md' }) {
  return (
    <div className="flex items-center gap-2">
      <input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`${size === 'md' ? 'h-8 text-sm' : 'h-7 text-xs'} min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 text-slate-900 placeholder:text-slate-400 focus:border-sky-500 focus:outline-none dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100`}
      />
      {value && shown !== undefined && total !== undefined ? <span className="shrink-0 text-[11px] text-slate-500" data-testid="filter-count">{shown} of {total}</span> : null}
    </div>
  );
}

/** The top of an answer list: its exports (none for a finding's) and, for more than one row, its filter box. */
export function ListTools({ exportQuery, view, filter }: { exportQuery?: string | undefined; view?: 'pods' | 'service-accounts'; filter?: Parameters<typeof FilterBox>[0] | undefined }) {
  return (
    <div className="flex flex-col gap-1.5 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
      {exportQuery !== undefined ? <ExportLinks query={exportQuery} {...(view ? { view } : {})} /> : null}
      {filter ? <FilterBox {...filter} /> : null}
    </div>
  );
}
