import Link from 'next/link';
import { AppShell } from '@/components/layout/AppShell';
import { AccessMatrix } from '@/components/namespaces/AccessMatrix';
import { BindingTable, ClusterBindings, PodList, ServiceAccountList } from '@/components/namespaces/NamespaceLists';
import { ErrorMessage } from '@/components/ui/States';
import { userErrorMessage } from '@/lib/service/messages';
import type { NamespacePage } from '@/lib/service/namespaces';
import { pageAnswer } from '@/lib/service/route';
import { pageSource } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

const h2 = 'mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400';
const card = 'rounded-lg border border-slate-200 px-3 py-2 dark:border-slate-800';

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export default async function NamespacePage({ params, searchParams }: PageProps<'/namespaces/[ns]'>) {
  const { ns } = await params;
  const query = await searchParams;
  const name = decodeURIComponent(ns);
  const source = await pageSource();
  // the first items of each list unless ?all=1 (a namespace of a large cluster has thousands);
  // computed in the answer worker when the server runs one
  let page: NamespacePage | undefined;
  let error: string | undefined;
  try {
    page = await pageAnswer(source, 'namespace-page', { ns: name, all: first(query.all) === '1' });
  } catch (e) {
    error = userErrorMessage(e);
    if (error === undefined) throw e;
  }
  return (
    <AppShell source={source.summary} active="namespaces">
      <main className="min-h-0 flex-1 overflow-y-auto px-6 py-4" data-testid="namespace-detail">
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500"><Link href="/namespaces" className="hover:underline">Namespaces</Link> /</nav>
        <h1 className="text-xl font-semibold">Namespace {name}</h1>
        {page ? <Detail page={page} /> : <div className="mt-4"><ErrorMessage title="Unknown namespace">{error}</ErrorMessage></div>}
      </main>
    </AppShell>
  );
}

function Detail({ page }: { page: NamespacePage }) {
  const { detail, totals } = page;
  const i = detail.item;
  const local = detail.bindings.filter((b) => b.kind === 'RoleBinding');
  const cluster = detail.bindings.filter((b) => b.kind === 'ClusterRoleBinding');
  const all = `/namespaces/${encodeURIComponent(detail.name)}?all=1`;
  const ask = (params: Record<string, string>) => `/?${new URLSearchParams({ ...params, ns: detail.name })}`;
  return (
    <div className="mt-3 flex flex-col gap-6">
      <dl className="grid grid-cols-6 gap-3 text-sm max-[1200px]:grid-cols-3" aria-label="Counts">
        {[
          ['RoleBindings', i.roleBindings], ['Roles', i.roles], ['Service accounts', i.serviceAccounts], ['Pods', i.pods],
          ['Can read secrets', i.risk.readSecrets], ['Can exec', i.risk.exec],
        ].map(([k, v]) => (
          <div key={k} className={card}><dt className="text-xs text-slate-500">{k}</dt><dd className="text-lg font-semibold tabular-nums">{v}</dd></div>
        ))}
      </dl>
      <p className="flex flex-wrap gap-2 text-sm">
        <span className="text-slate-500">Ask about this namespace:</span>
        <Link className="text-sky-700 hover:underline dark:text-sky-300" href={ask({ preset: 'read-secrets' })}>who can read secrets here</Link>
        <Link className="text-sky-700 hover:underline dark:text-sky-300" href={ask({ preset: 'exec-pods' })}>who can exec here</Link>
        <Link className="text-sky-700 hover:underline dark:text-sky-300" href={ask({ preset: 'create-pods' })}>who can create pods here</Link>
        <a className="text-sky-700 hover:underline dark:text-sky-300" href={`/api/export?view=matrix&namespace=${encodeURIComponent(detail.name)}&format=csv`} download>matrix CSV</a>
      </p>
      <section aria-labelledby="matrix-h">
        <h2 id="matrix-h" className={h2}>Access matrix</h2>
        <AccessMatrix matrix={page.matrix} />
      </section>
      <section aria-labelledby="bindings-h">
        <h2 id="bindings-h" className={h2}>Bindings that apply here ({totals.roleBindings} RoleBindings, {totals.clusterRoleBindings} ClusterRoleBindings)</h2>
        <BindingTable label={`RoleBindings in ${detail.name}`} bindings={local} />
        <More shown={local.length} total={totals.roleBindings} href={all} />
        <ClusterBindings bindings={cluster} total={totals.clusterRoleBindings}>
          <More shown={cluster.length} total={totals.clusterRoleBindings} href={all} />
        </ClusterBindings>
      </section>
      <div className="grid grid-cols-2 gap-6 max-[1100px]:grid-cols-1">
        <section aria-labelledby="sa-h">
          <h2 id="sa-h" className={h2}>Service accounts ({totals.serviceAccounts})</h2>
          <ServiceAccountList ns={detail.name} serviceAccounts={detail.serviceAccounts} />
          <More shown={detail.serviceAccounts.length} total={totals.serviceAccounts} href={all} />
        </section>
        <section aria-labelledby="pods-h">
          <h2 id="pods-h" className={h2}>Pods ({totals.pods})</h2>
          <PodList ns={detail.name} pods={detail.pods} />
          <More shown={detail.pods.length} total={totals.pods} href={all} />
        </section>
      </div>
    </div>
  );
}

/** "100 of 2,345 shown · show all" under a list cut to its first items. */
function More({ shown, total, href }: { shown: number; total: number; href: string }) {
  if (shown >= total) return null;
  return (
    <p className="mt-1 text-xs text-slate-500">
      {shown.toLocaleString('en-US')} of {total.toLocaleString('en-US')} shown ·{' '}
      <Link className="text-sky-700 hover:underline dark:text-sky-300" href={href} prefetch={false}>show all</Link>
    </p>
  );
}
