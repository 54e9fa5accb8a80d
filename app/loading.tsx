export default function Loading() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-16" aria-busy="true">
      <p role="status" className="animate-pulse text-slate-500 dark:text-slate-400">
        Loading…
      </p>
    </main>
  );
}
