'use client';

// The question: preset chips and a free query form (verb, resource[/subresource], API group,
// namespace or all, resource name, non-resource URL). Submitting navigates: the URL is the state.
import { useRouter, useSearchParams } from 'next/navigation';
import { useOptimistic, useState, useTransition, type FormEvent } from 'react';
import { PRESETS } from '@/lib/service/presets';
import { ALL_NS, CLUSTER_NS } from '@/lib/url-params';
import { atlasTimings } from '../graph/timings';
import { VIEW_PARAMS, withParams, type Params } from './url';

export interface QueryFormValues {
  preset?: string;
  verb?: string;
  resource?: string;
  group?: string;
  name?: string;
  url?: string;
  ns?: string;
}

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'escalate', 'bind', 'impersonate', 'approve', 'use', '*'];
const RESOURCES = [
  'secrets', 'configmaps', 'pods', 'pods/exec', 'pods/attach', 'pods/portforward', 'pods/log', 'serviceaccounts', 'serviceaccounts/token',
  'services', 'nodes', 'nodes/proxy', 'namespaces', 'persistentvolumes', 'deployments.apps', 'daemonsets.apps', 'statefulsets.apps',
  'jobs.batch', 'cronjobs.batch', 'roles.rbac.authorization.k8s.io', 'clusterroles.rbac.authorization.k8s.io',
  'rolebindings.rbac.authorization.k8s.io', 'clusterrolebindings.rbac.authorization.k8s.io', 'certificatesigningrequests.certificates.k8s.io/approval',
  'mutatingwebhookconfigurations.admissionregistration.k8s.io', 'customresourcedefinitions.apiextensions.k8s.io', '*',
];

const field =
  'h-8 rounded border border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-400 focus:border-sky-500 focus:outline-none focus:ring-1 focus:ring-sky-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';
const labelCls = 'flex flex-col gap-0.5 text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400';

/** `activePreset`: the preset the page answers (the landing page answers one without saying so in the URL). */
export function QueryBar({ values, namespaces, activePreset }: { values: QueryFormValues; namespaces: readonly string[]; activePreset?: string | undefined }) {
  const router = useRouter();
  const current = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [preset, setPreset] = useOptimistic(activePreset);
  // The text fields restart from the question shown (keyed by it); the namespace picker is
  // controlled instead, so that its thousand options are not created again on every answer.
  const formKey = JSON.stringify(values);
  const shownNs = values.ns ?? ALL_NS;
  const [ns, setNs] = useState(shownNs);
  const [nsOf, setNsOf] = useState(shownNs);
  if (nsOf !== shownNs) {
    setNsOf(shownNs);
    setNs(shownNs);
  }

  const go = (params: Params) => {
    for (const k of VIEW_PARAMS) params[k] = current.get(k);
    atlasTimings().submittedAt = performance.now();
    startTransition(() => {
      setPreset(params.preset ?? undefined);
      router.push(withParams('/', params), { scroll: false });
    });
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const get = (k: string) => String(data.get(k) ?? '').trim();
    go({ verb: get('verb'), resource: get('resource'), group: get('group'), name: get('name'), url: get('url'), ns: get('ns'), effective: current.get('effective') });
  };

  return (
    <div className="border-b border-slate-200 bg-slate-50/60 px-4 py-2 dark:border-slate-800 dark:bg-slate-900/40">
      <form onSubmit={onSubmit} aria-label="Query" className="flex flex-wrap items-end gap-2">
        <label className={labelCls}>
          Verb
          <input key={formKey} name="verb" list="verbs" defaultValue={values.verb ?? 'get'} className={`${field} w-24`} autoComplete="off" />
        </label>
        <label className={labelCls}>
          Resource
          <input key={formKey} name="resource" list="resources" defaultValue={values.resource ?? ''} placeholder="secrets, pods/exec" className={`${field} w-44`} autoComplete="off" />
        </label>
        <label className={labelCls}>
          API group
          <input key={formKey} name="group" defaultValue={values.group ?? ''} placeholder="from .group suffix" className={`${field} w-32`} autoComplete="off" />
        </label>
        <label className={labelCls}>
          Namespace
          <select name="ns" value={ns} onChange={(e) => setNs(e.target.value)} className={`${field} w-40`}>
            <option value={ALL_NS}>All namespaces</option>
            <option value={CLUSTER_NS}>Cluster-scoped (none)</option>
            {namespaces.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        </label>
        <label className={labelCls}>
          Resource name
          <input key={formKey} name="name" defaultValue={values.name ?? ''} placeholder="any" className={`${field} w-28`} autoComplete="off" />
        </label>
        <label className={labelCls}>
          Non-resource URL
          <input key={formKey} name="url" defaultValue={values.url ?? ''} placeholder="/healthz" className={`${field} w-28`} autoComplete="off" />
        </label>
        <button type="submit" className="h-8 rounded bg-sky-700 px-4 text-sm font-semibold text-white hover:bg-sky-800 disabled:opacity-60 dark:bg-sky-600 dark:hover:bg-sky-500" disabled={pending}>
          {pending ? 'Asking…' : 'Ask'}
        </button>
        <datalist id="verbs">{VERBS.map((v) => <option key={v} value={v} />)}</datalist>
        <datalist id="resources">{RESOURCES.map((r) => <option key={r} value={r} />)}</datalist>
      </form>
      <nav aria-label="Preset questions" className="mt-2 flex flex-wrap gap-1.5">
        {PRESETS.map((p) => {
          const active = preset === p.id;
          return (
            <button
              key={p.id}
              type="button"
              title={p.description}
              aria-pressed={active}
              onClick={() => go({ preset: p.id, ns: values.ns ?? ALL_NS, effective: current.get('effective') })}
              className={`shrink-0 rounded-full border px-2.5 py-0.5 text-xs ${active ? 'border-sky-600 bg-sky-600 text-white dark:border-sky-500 dark:bg-sky-600' : 'border-slate-300 bg-white text-slate-700 hover:border-sky-500 hover:text-sky-800 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200'}`}
            >
              {p.title.replace(/^Who can /, '').replace(/\?$/, '')}
            </button>
          );
        })}
      </nav>
    </div>
  );
}
