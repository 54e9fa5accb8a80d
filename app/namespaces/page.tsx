import { AppShell } from '@/components/layout/AppShell';
import { NamespaceTable } from '@/components/namespaces/NamespaceTable';
import { riskByNamespace } from '@/lib/service/findings';
import { namespaceList } from '@/lib/service/namespaces';
import { reportedFindings } from '@/lib/service/scan';
import { pageSource } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export default async function NamespacesPage() {
  const source = await pageSource();
  return (
    <AppShell source={source.summary} active="namespaces">
      <main className="flex min-h-0 flex-1 flex-col gap-3 px-6 py-4">
        <div>
          <h1 className="text-xl font-semibold">Namespaces</h1>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            Risk hint: how many subjects can read secrets or exec into pods there, counting cluster-wide grants, and the high and critical findings
            scoped to the namespace. Choose one to drill down.
          </p>
        </div>
        <NamespaceTable namespaces={namespaceList(source.index)} findings={riskByNamespace(reportedFindings(source))} />
      </main>
    </AppShell>
  );
}
