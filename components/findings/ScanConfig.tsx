// What the scan configuration did, as `rbac-atlas scan` reports it: the config file in use, the
// findings it suppresses (each with its reason and expiry, opening its grant paths) and the expired
// suppressions whose findings are reported again.
import Link from 'next/link';
import type { SuppressedRow } from '@/lib/service/findings';

export interface ScanConfigProps {
  /** the config file, if any */
  file?: string;
  /** lines about suppressed findings and expired suppressions */
  leftOut: string[];
  suppressed: SuppressedRow[];
}

export function ScanConfig({ file, leftOut, suppressed }: ScanConfigProps) {
  return (
    <section aria-label="Scan configuration" className="mt-3 text-xs text-slate-500 dark:text-slate-400">
      <p data-testid="scan-config">
        {file ? (
          <>Configuration: <code className="font-mono">{file}</code> (suppressions, severities, privileged namespaces, as in <code className="font-mono">rbac-atlas scan</code>)</>
        ) : (
          <>No <code className="font-mono">.rbac-atlas.yaml</code>: default severities, nothing suppressed.</>
        )}
      </p>
      {leftOut.length > 0 ? (
        <ul className="mt-1 list-disc pl-4" aria-label="Left out of the report">{leftOut.map((l) => <li key={l}>{l}</li>)}</ul>
      ) : null}
      {suppressed.length > 0 ? (
        <details className="mt-1">
          <summary className="cursor-pointer">Suppressed findings ({suppressed.length})</summary>
          <table className="mt-1 w-full text-left" aria-label="Suppressed findings">
            <thead><tr><th className="pr-2 font-medium">Finding</th><th className="pr-2 font-medium">Reason</th><th className="pr-2 font-medium">Expires</th><th className="font-medium">By</th></tr></thead>
            <tbody>
              {suppressed.map((s) => (
                <tr key={s.id} data-suppressed-id={s.id} className="border-t border-slate-100 align-top dark:border-slate-800">
                  <td className="py-0.5 pr-2 font-mono break-all"><Link href={s.href} className="text-sky-700 hover:underline dark:text-sky-300">{s.id}</Link></td>
                  <td className="py-0.5 pr-2">{s.reason}</td>
                  <td className="py-0.5 pr-2 whitespace-nowrap">{s.expires ?? 'never'}</td>
                  <td className="py-0.5 whitespace-nowrap">{s.suppression}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}
