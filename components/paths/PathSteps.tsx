// A path's steps in words: what the identity does (the technique), the requests it makes with the
// grant behind each (binding → role: rule, each a link to the object), and what it reaches. No
// hooks: rendered on the server.
import Link from 'next/link';
import type { PathView, RequestView } from '@/lib/service/paths';
import { RelatedLink } from '../details/ObjectDetails';

function Request({ r }: { r: RequestView }) {
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
      <code className="rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">{r.text}</code>
      {r.grant ? (
        <>
          <span className="text-xs text-slate-500">allowed by</span>
          <RelatedLink id={r.grant.binding} />
          <span className="text-xs text-slate-500">→</span>
          <RelatedLink id={r.grant.role} />
          <span className="text-xs text-slate-600 dark:text-slate-300">rule <code className="font-mono">{r.grant.rule}</code>{r.grant.binding.startsWith('ClusterRoleBinding/') ? ', cluster-wide' : `, in ${r.grant.scope}`}</span>
        </>
      ) : (
        <span className="text-xs text-slate-500">allowed for system:masters (before RBAC)</span>
      )}
    </li>
  );
}

/** Who takes step i: the start, or what the step before reached. */
function actor(path: PathView, i: number): string {
  if (i === 0) return path.fromLabel;
  const prev = path.steps[i - 1]!;
  if (prev.node !== undefined) return prev.node === '*' ? 'Root on the node' : `Root on node ${prev.node}`;
  return prev.reachesParam ? prev.reaches : actor(path, i - 1);
}

export function PathSteps({ path }: { path: PathView }) {
  if (path.steps.length === 0) {
    return <p className="text-sm">{path.fromLabel} already is {path.toLabel}: no step needed.</p>;
  }
  return (
    <ol className="flex flex-col gap-3" aria-label={`Steps from ${path.fromLabel} to ${path.toLabel}`}>
      {path.steps.map((s, i) => (
        <li key={i} className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-700" data-testid="path-step">
          <p className="text-sm">
            <span className="mr-2 font-semibold">Step {i + 1}</span>
            <span className="mr-2 rounded bg-slate-100 px-1.5 font-mono text-xs dark:bg-slate-800">{s.technique}</span>
            <span>{actor(path, i)} {s.does}.</span>
          </p>
          <p className="mt-1 text-sm">
            Reaches:{' '}
            {s.reachesParam ? (
              <Link className="font-medium text-sky-700 hover:underline dark:text-sky-300" href={`/paths?from=${encodeURIComponent(s.reachesParam)}`}>{s.reaches}</Link>
            ) : (
              <span className="font-medium">{s.reaches}</span>
            )}
          </p>
          {s.requests.length ? <ul className="mt-1 flex flex-col gap-1">{s.requests.map((r, j) => <Request key={j} r={r} />)}</ul> : null}
          {s.reason ? <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">This step {s.reason}.</p> : null}
          {s.pod ? <p className="mt-1 flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300">through pod <RelatedLink id={s.pod} /></p> : null}
          {s.secret ? <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">through Secret {s.secret} (its metadata only; RBAC Atlas never reads Secret values)</p> : null}
        </li>
      ))}
    </ol>
  );
}
