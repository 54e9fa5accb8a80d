'use client';

// One click drops the change being tried: the browser goes back to the source it was applied on.
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export function DropChangeButton({ className = '' }: { className?: string }) {
  const router = useRouter();
  const [state, setState] = useState<'idle' | 'dropping' | string>('idle');
  const drop = async () => {
    setState('dropping');
    const res = await fetch('/api/change', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'drop' }) }).catch(() => null);
    if (!res?.ok) {
      setState(((await res?.json().catch(() => ({}))) as { error?: string } | undefined)?.error ?? 'the change could not be dropped');
      return;
    }
    setState('idle');
    router.refresh();
  };
  return (
    <>
      <button
        type="button"
        onClick={() => void drop()}
        disabled={state === 'dropping'}
        className={`rounded border border-violet-400 bg-white px-2 py-0.5 text-xs font-semibold text-violet-900 hover:bg-violet-100 disabled:opacity-60 dark:border-violet-600 dark:bg-violet-950 dark:text-violet-100 dark:hover:bg-violet-900 ${className}`}
      >
        {state === 'dropping' ? 'Dropping…' : 'Drop the change'}
      </button>
      {state !== 'idle' && state !== 'dropping' ? <span role="alert" className="text-rose-700 dark:text-rose-300">{state}</span> : null}
    </>
  );
}
