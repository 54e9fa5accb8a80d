import Link from 'next/link';

// Replaces Next's built-in 404, whose inline <style> the CSP (no 'unsafe-inline' for <style>) blocks.
export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-4 px-6 py-16">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-slate-600 dark:text-slate-300">There is no page at this address.</p>
      <p>
        <Link href="/" className="underline">
          Back to the explorer
        </Link>
      </p>
    </main>
  );
}
