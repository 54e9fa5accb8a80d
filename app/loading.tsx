// Shown in the page area while a page renders; the app shell (root layout) stays around it.
export default function Loading() {
  return (
    <main className="flex min-h-0 flex-1 flex-col gap-3 px-6 py-4" aria-busy="true">
      <p role="status" className="flex items-center gap-2 text-sm text-slate-500 dark:text-slate-400">
        <span aria-hidden="true" className="h-3 w-3 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600 dark:border-slate-600 dark:border-t-slate-200" />
        Loading…
      </p>
      <div aria-hidden="true" className="flex flex-col gap-2">
        <div className="h-6 w-64 animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
        <div className="h-4 w-[32rem] animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
        <div className="mt-2 h-64 animate-pulse rounded-lg bg-slate-50 dark:bg-slate-900" />
      </div>
    </main>
  );
}
