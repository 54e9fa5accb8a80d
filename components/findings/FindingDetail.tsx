// One finding, for someone who has to fix it: what and where, why it matters, what to do, and each
// grant to change (binding, role, the rule and the permissions it gives) with the kubectl commands
// that open those objects; its notes in words; the pods it reaches; references.
import Link from 'next/link';
import type { FindingDetail } from '@/lib/service/finding-detail';
import { RelatedLink } from '../details/ObjectDetails';
import { KindBadge } from '../ui/KindBadge';
import { SeverityBadge } from '../ui/SeverityBadge';
import { describeId } from '../links';

const h2 = 'mb-1.5 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400';

export function FindingDetailView({ detail: d }: { detail: FindingDetail }) {
  return (
    <article className="flex max-w-5xl flex-col gap-5" aria-labelledby="finding-title" data-finding-id={d.id}>
      <header className="flex flex-col gap-1">
        <p className="flex items-center gap-2 text-xs">
          <SeverityBadge severity={d.severity} />
          <span className="text-slate-600 dark:text-slate-300">{d.scopeText}</span>
          {d.builtin ? <span className="rounded bg-slate-100 px-1 text-slate-600 dark:bg-slate-800 dark:text-slate-300">Kubernetes built-in policy</span> : null}
        </p>
        <h1 id="finding-title" className="text-xl font-semibold">{d.title}: {d.target}</h1>
        <p className="text-sm text-slate-700 dark:text-slate-200" data-testid="finding-message">{d.message}</p>
        <p className="flex flex-wrap gap-3 text-sm">
          {d.targetId ? <RelatedLink id={d.targetId} /> : null}
          <Link href={d.graphHref} className="font-medium text-sky-700 hover:underline dark:text-sky-300">Show its grant paths in the graph</Link>
        </p>
      </header>

      <section aria-labelledby="todo-h" className="rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 dark:border-emerald-800 dark:bg-emerald-950/40">
        <h2 id="todo-h" className="mb-1 text-sm font-semibold text-emerald-900 dark:text-emerald-100">What to do</h2>
        <p className="text-sm text-emerald-950 dark:text-emerald-50" data-testid="finding-remediation">{d.remediation}</p>
      </section>

      <section aria-labelledby="grants-h">
        <h2 id="grants-h" className={h2}>The grants to change ({d.grants.length})</h2>
        <ol className="flex flex-col gap-3" aria-label="Grants to change">
          {d.grants.map((g, i) => (
            <li key={`${g.binding ?? ''}|${g.role}|${g.ruleNumber ?? i}`} className="rounded-lg border border-slate-200 px-3 py-2 dark:border-slate-800" data-binding={g.binding ?? ''} data-role={g.role}>
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                {g.binding ? <><RelatedLink id={g.binding} /><span aria-hidden="true" className="text-slate-400">→</span></> : null}
                <RelatedLink id={g.role} />
                <span className="text-xs text-slate-500">{(g.binding ? g.binding.startsWith('ClusterRoleBinding/') : g.scope === 'cluster') ? 'cluster-wide' : `in ${g.scope}`}</span>
                {g.builtin ? <span className="rounded bg-slate-100 px-1 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">built-in</span> : null}
              </p>
              {g.rule ? (
                <p className="mt-1 text-sm">
                  <span className="text-slate-500">{g.ruleNumber !== undefined ? `Rule ${g.ruleNumber} of ${describeId(g.role).text}:` : 'Rule:'}</span>{' '}
                  <code className="rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">{g.rule}</code>
                  {g.permissions.length ? <span className="text-slate-600 dark:text-slate-300"> gives {g.permissions.join(', ')}</span> : null}
                </p>
              ) : null}
              <p className="mt-1 text-sm font-medium" data-testid="grant-change">{g.change}</p>
              {g.commands.length ? (
                <pre className="mt-1 overflow-x-auto rounded bg-slate-900 px-2 py-1 font-mono text-xs text-slate-100" aria-label="kubectl commands">{g.commands.join('\n')}</pre>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="why-h">
        <h2 id="why-h" className={h2}>Why it matters</h2>
        <p className="text-sm">{d.why}</p>
        {d.notes.length ? (
          <ul aria-label="Notes" className="mt-2 list-disc pl-5 text-sm text-slate-700 dark:text-slate-200">{d.notes.map((n) => <li key={n}>{n}</li>)}</ul>
        ) : null}
        {d.severityNotes ? <p className="mt-2 text-xs text-slate-500">Severity: {d.severityNotes}</p> : null}
      </section>

      {d.podCount > 0 ? (
        <section aria-labelledby="pods-h">
          <h2 id="pods-h" className={h2}>Pods running with this power ({d.podCount})</h2>
          <table className="text-left text-sm" aria-label="Pods">
            <thead className="text-xs text-slate-500"><tr><th className="pr-4 font-medium">Pod</th><th className="pr-4 font-medium">Token</th><th className="pr-4 font-medium">Node</th><th className="font-medium">Owner</th></tr></thead>
            <tbody>
              {d.pods.map((p) => (
                <tr key={`${p.namespace}/${p.name}`}>
                  <td className="pr-4"><span className="inline-flex items-center gap-1"><KindBadge kind="Pod" short /> {p.namespace}/{p.name}</span></td>
                  <td className="pr-4">{p.tokenMounted ? <span className="text-rose-700 dark:text-rose-300">mounted</span> : 'not mounted'}</td>
                  <td className="pr-4">{p.node ?? ''}</td>
                  <td>{p.owner ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.podCount > d.pods.length ? <p className="text-xs text-slate-500">… and {d.podCount - d.pods.length} more</p> : null}
        </section>
      ) : null}

      {d.references.length ? (
        <section aria-labelledby="refs-h">
          <h2 id="refs-h" className={h2}>References</h2>
          <ul className="text-sm">
            {d.references.map((r) => <li key={r.url}><a href={r.url} className="text-sky-700 hover:underline dark:text-sky-300" rel="noreferrer" target="_blank">{r.title}</a></li>)}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
