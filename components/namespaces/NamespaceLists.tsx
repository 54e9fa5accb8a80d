'use client';

// The lists of the namespace drill-down page (bindings, service accounts, pods), drawn in the
// browser from the page's data: the React payload carries the items once, as data, instead of their
// markup a second time. The ClusterRoleBindings (the same in every namespace) are drawn only when
// their section is opened.
import Link from 'next/link';
import { useState } from 'react';
import type { NamespaceDetail } from '@/lib/service/namespaces';
import { RelatedLink } from '../details/ObjectDetails';
import { describeId, hrefFor } from '../links';

type Detail = Pick<NamespaceDetail, 'bindings' | 'serviceAccounts' | 'pods'>;

// the links of a list are styled from the list (one class list, not one per item)
const LIST_CLASS = 'flex flex-col gap-0.5 text-sm [&_a]:truncate [&_a]:text-sky-700 [&_a:hover]:underline dark:[&_a]:text-sky-300';

export function BindingTable({ label, bindings }: { label: string; bindings: Detail['bindings'] }) {
  if (bindings.length === 0) return <p className="text-sm text-slate-500">None.</p>;
  return (
    <div className="max-h-96 overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="sticky top-0 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900 dark:text-slate-400">
          <tr><th className="px-3 py-1.5 font-medium">Binding</th><th className="px-3 py-1.5 font-medium">Role</th><th className="px-3 py-1.5 font-medium">Subjects</th></tr>
        </thead>
        <tbody className="[&_td]:px-3 [&_td]:py-1 [&>tr]:border-t [&>tr]:border-slate-100 [&>tr]:align-top dark:[&>tr]:border-slate-800">
          {bindings.map((b) => (
            <tr key={b.id}>
              <td><RelatedLink id={b.id} /></td>
              <td>{b.roleFound ? <RelatedLink id={b.role} /> : <span className="text-rose-700 dark:text-rose-300">{b.role} (missing: grants nothing)</span>}</td>
              <td>
                <ul className="flex flex-col">
                  {b.subjects.slice(0, 8).map((s) => <li key={s.id}><RelatedLink id={s.id} /></li>)}
                  {b.subjects.length > 8 ? <li className="text-xs text-slate-500">+{b.subjects.length - 8} more</li> : null}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The ClusterRoleBindings, folded; their table is drawn when opened. `children`: under the table. */
export function ClusterBindings({ bindings, total, children }: { bindings: Detail['bindings']; total: number; children?: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-2" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-sm text-slate-600 dark:text-slate-300">ClusterRoleBindings (apply in every namespace): {total}</summary>
      {open ? <BindingTable label="ClusterRoleBindings" bindings={bindings} /> : null}
      {children}
    </details>
  );
}

export function ServiceAccountList({ ns, serviceAccounts }: { ns: string; serviceAccounts: Detail['serviceAccounts'] }) {
  return (
    <ul aria-label={`Service accounts in ${ns}`} className={LIST_CLASS}>
      {serviceAccounts.map((sa) => (
        <li key={sa.id} className="flex items-center justify-between gap-2">
          <Link href={hrefFor(sa.id)} prefetch={false}>{describeId(sa.id).text}</Link>
          <span className="shrink-0 text-xs text-slate-500">{sa.pods} pods{sa.automount === false ? ' · token not mounted' : ''}</span>
        </li>
      ))}
    </ul>
  );
}

export function PodList({ ns, pods }: { ns: string; pods: Detail['pods'] }) {
  return (
    <ul aria-label={`Pods in ${ns}`} className={LIST_CLASS}>
      {pods.map((p) => (
        <li key={p.id} className="flex items-center justify-between gap-2">
          <Link href={hrefFor(p.id)} prefetch={false}>{describeId(p.id).text}</Link>
          <span className="truncate text-xs text-slate-500">runs as {p.serviceAccountName}{p.node ? ` · ${p.node}` : ''}</span>
        </li>
      ))}
    </ul>
  );
}
