// The top of the answer list when the explorer shows one finding: severity, what and where, the
// finding's sentence, and the pods that run as its service account (with or without a token).
import Link from 'next/link';
import type { FindingSummary } from '@/lib/service/finding-view';
import { SeverityBadge } from '../ui/SeverityBadge';

export function FindingHeader({ finding: f, title }: { finding: FindingSummary; title: string }) {
  const mounted = f.pods.filter((p) => p.automountServiceAccountToken).length;
  return (
    <div data-testid="finding-header" data-finding-id={f.id}>
      <p className="flex items-center gap-2 text-xs">
        <SeverityBadge severity={f.severity} />
        <span className="font-mono text-slate-500 dark:text-slate-400">{f.kindId}</span>
        {f.builtin ? <span className="rounded bg-slate-100 px-1 text-slate-600 dark:bg-slate-800 dark:text-slate-300">built-in</span> : null}
      </p>
      <h1 className="mt-1 text-lg font-semibold leading-6" data-testid="answer-title">{title}</h1>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-200" data-testid="finding-message">{f.message}</p>
      {f.podCount > 0 ? (
        <details className="mt-2 text-xs text-slate-600 dark:text-slate-300">
          <summary className="cursor-pointer">
            {f.podCount} {f.podCount === 1 ? 'pod runs' : 'pods run'} as it ({f.tokenMounted ? `token mounted in ${mounted}${f.podCount > f.pods.length ? '+' : ''}` : 'no token mounted'})
          </summary>
          <ul aria-label="Pods running as the subject" className="mt-1 flex flex-col gap-0.5 font-mono">
            {f.pods.map((p) => (
              <li key={`${p.namespace}/${p.name}`}>
                {p.namespace}/{p.name} {p.automountServiceAccountToken ? '· token mounted' : '· no token'}
              </li>
            ))}
            {f.podCount > f.pods.length ? <li>… and {f.podCount - f.pods.length} more</li> : null}
          </ul>
        </details>
      ) : null}
      <p className="mt-2 text-xs">
        <Link href="/findings" className="font-medium text-sky-700 hover:underline dark:text-sky-300">← All findings</Link>
      </p>
    </div>
  );
}
