// One subject: what it can do, effective by default (the bindings of the groups its requests carry
// count, each rule saying through whom), with a switch to its direct bindings only; its risky powers
// at a glance; per scope, every rule with the binding and role that grant it; the pods running as it.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { MATRIX_RISK_INFO } from '@/lib/service/matrix-risk';
import type { SubjectView } from '@/lib/service/subjects';
import { RelatedLink } from '../details/ObjectDetails';
import { describeId } from '../links';
import { EmptyState } from '../ui/States';

function scopeWords(scope: string): string {
  return scope === 'cluster' ? 'in every namespace (cluster-wide)' : `in ${scope}`;
}

/** Effective / direct switch: links, so that the view can be shared. */
export function ModeSwitch({ view, param }: { view: SubjectView; param: string }) {
  const href = (direct: boolean) => `/subjects?${new URLSearchParams({ subject: param, ...(direct ? { direct: '1' } : {}) })}`;
  const item = (direct: boolean, label: string, hint: string) => {
    const active = (view.mode === 'direct') === direct;
    return (
      <Link
        href={href(direct)}
        role="radio"
        aria-checked={active}
        title={hint}
        className={`rounded px-2 py-0.5 text-xs font-medium ${active ? 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900' : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
      >
        {label}
      </Link>
    );
  };
  return (
    <div role="radiogroup" aria-label="Permissions shown" className="flex items-center gap-0.5 rounded-md border border-slate-300 p-0.5 dark:border-slate-600">
      {item(false, 'Effective (with its groups)', 'What its requests can do: its own bindings and those of the groups the API server adds')}
      {item(true, 'Direct bindings only', 'Only the bindings that name it')}
    </div>
  );
}

/** Its risky powers, one line each: what, where, through whom and which binding. */
function Glance({ view }: { view: SubjectView }) {
  if (view.mode === 'direct') return null;
  if (view.glance.length === 0) {
    return <p className="mb-3 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100" data-testid="subject-glance">No risky power: it cannot read secrets, exec into pods, mint tokens, change RBAC, impersonate or run workloads.</p>;
  }
  return (
    <section aria-label="Risky powers" className="mb-3 rounded-md border border-rose-300 bg-rose-50/60 px-3 py-2 dark:border-rose-900 dark:bg-rose-950/30" data-testid="subject-glance">
      <h2 className="mb-1 text-sm font-semibold text-rose-900 dark:text-rose-100">Risky powers</h2>
      <ul className="flex flex-col gap-1 text-sm">
        {view.glance.map((g) => {
          const info = MATRIX_RISK_INFO[g.risk];
          const via = g.via.kind === 'Group' && !(view.subject.kind === 'Group' && g.via.name === view.subject.name) ? g.via.name : undefined;
          return (
            <li key={`${g.risk}@${g.scope}`} data-risk={g.risk} data-scope={g.scope} className="flex flex-wrap items-baseline gap-x-1.5">
              <strong className={info.level === 'high' ? 'text-rose-800 dark:text-rose-200' : 'text-amber-800 dark:text-amber-200'} title={info.why}>{info.label}</strong>{' '}
              <span>{scopeWords(g.scope)}</span>{' '}
              {via ? <span>through group <strong className="font-medium">{via}</strong></span> : <span>through its own binding</span>}{' '}
              <span className="text-xs text-slate-500">({describeId(g.binding).text} → {describeId(g.role).text})</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Counting({ view, param }: { view: SubjectView; param: string }) {
  const groups = view.implicitGroups;
  if (view.mode === 'direct') {
    return groups.length ? (
      <p role="note" className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
        Direct bindings only: the groups its requests carry ({groups.join(', ')}) are left out, and their bindings may grant more.{' '}
        <Link className="font-semibold underline" href={`/subjects?subject=${encodeURIComponent(param)}`}>Show what it can really do</Link>
      </p>
    ) : null;
  }
  return (
    <p className="mb-3 text-xs text-slate-600 dark:text-slate-300" data-testid="subject-counting">
      {view.subject.kind === 'Group' ? 'As a member of this group' : 'As the API server sees it'}
      {groups.length ? <>, with the groups {groups.map((g, i) => <span key={g}>{i ? ', ' : ''}<strong className="font-medium">{g}</strong></span>)}</> : null}
      : {view.counts.direct + view.counts.groups} rules, {view.counts.direct} from bindings that name it, {view.counts.groups} through its groups.
      {view.reason ? <strong className="ml-1 text-rose-700 dark:text-rose-300">{view.reason}.</strong> : null}
    </p>
  );
}

function ScopeTable({ scope, clusterWide, rows }: SubjectView['scopes'][number]) {
  return (
    <section aria-label={`Scope ${scope}`} className="mb-4">
      <h2 className="mb-1 text-sm font-semibold">{clusterWide ? 'Cluster-wide (all namespaces and cluster-scoped resources)' : `Namespace ${scope}`}</h2>
      <table className="w-full table-fixed text-left text-xs" aria-label={`Permissions in ${scope}`}>
        <colgroup><col className="w-[18%]" /><col className="w-[34%]" /><col className="w-[12%]" /><col className="w-[36%]" /></colgroup>
        <thead className="text-slate-500">
          <tr><th className="py-1 pr-2 font-medium">Verbs</th><th className="py-1 pr-2 font-medium">Resources / URLs</th><th className="py-1 pr-2 font-medium">Names</th><th className="py-1 font-medium">Granted by (group, binding, role)</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.binding}:${r.role}:${r.ruleIndex}`} data-via={r.via ?? 'itself'} className={`border-t border-slate-100 align-top dark:border-slate-800 ${r.via ? 'bg-violet-50/60 dark:bg-violet-950/20' : ''}`}>
              <td className="py-1 pr-2 font-mono break-words">{r.verbs}</td>
              <td className="py-1 pr-2 font-mono break-all">{r.resources}</td>
              <td className="py-1 pr-2 font-mono break-all">{r.resourceNames}</td>
              <td className="min-w-0 py-1">
                <span className="flex min-w-0 flex-col">
                  {r.via ? <span className="truncate font-medium text-violet-800 dark:text-violet-200" title={`Through the group ${describeId(r.via).text}, which its requests carry`}>through group {describeId(r.via).text}</span> : null}
                  <RelatedLink id={r.binding} />
                  <RelatedLink id={r.role} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function SubjectPermissions({ view, param, findings }: { view: SubjectView; param: string; findings: ReactNode }) {
  return (
    <>
      <Glance view={view} />
      <Counting view={view} param={param} />
      {findings}
      {view.scopes.length === 0 && view.dangling.length === 0 ? <EmptyState title={view.mode === 'direct' ? 'No binding names this subject' : 'No binding grants this subject anything'} /> : null}
      {view.scopes.map((scope) => <ScopeTable key={`${scope.clusterWide ? 'cluster' : 'ns'}:${scope.scope}`} {...scope} />)}
      {view.dangling.map((d) => (
        <p key={d.binding} className="mb-2 text-sm text-rose-700 dark:text-rose-300">{d.binding} {view.mode === 'direct' ? 'names this subject' : 'applies to this subject'} but {d.roleRef} does not exist: it grants nothing.</p>
      ))}
      {view.subject.kind === 'ServiceAccount' ? (
        <section aria-label="Pods running as it">
          <h2 className="mb-1 text-sm font-semibold">Pods running as it ({view.pods.length})</h2>
          {view.pods.length ? (
            <ul className="flex flex-col gap-0.5">{view.pods.map((p) => <li key={p.id}><RelatedLink id={p.id} /></li>)}</ul>
          ) : <p className="text-sm text-slate-500">None in the data source.</p>}
        </section>
      ) : null}
    </>
  );
}
