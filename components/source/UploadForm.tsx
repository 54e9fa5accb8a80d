'use client';

// Upload kubectl -o yaml/json dumps (drag and drop or file picker). The server parses them with the
// same loader as `rbac-atlas -f` (Secret values dropped) and switches this browser to the new source.
// mode "change" ("try a change"): the files are manifests applied ON the current source instead, as
// `rbac-atlas diff --apply` does; the browser then explores the source with the change applied.
import { useRouter } from 'next/navigation';
import { useRef, useState, type DragEvent } from 'react';
import type { DiagnosticItem, SourceSummary } from '@/lib/service/source-view';
import { ErrorMessage } from '../ui/States';

type UploadState =
  | { status: 'idle' }
  | { status: 'uploading'; names: string[] }
  | { status: 'done'; source: SourceSummary; diagnostics: DiagnosticItem[] }
  | { status: 'error'; error: string; diagnostics: DiagnosticItem[] };

export type UploadMode = 'source' | 'change';

const TEXT: Record<UploadMode, { id: string; title: string; endpoint: string; input: string; failed: string; button: string }> = {
  source: { id: 'upload', title: 'Upload files', endpoint: '/api/upload', input: 'Files to upload', failed: 'Upload failed', button: 'Choose files' },
  change: { id: 'try-change', title: 'Try a change', endpoint: '/api/upload?as=change', input: 'Manifests to try', failed: 'The change cannot be applied', button: 'Choose manifests' },
};

export function UploadForm({ mode = 'source', base }: { mode?: UploadMode; /** change mode: the name of the source the change applies on */ base?: string }) {
  const t = TEXT[mode];
  const router = useRouter();
  const picker = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<UploadState>({ status: 'idle' });
  const [over, setOver] = useState(false);

  const upload = async (files: File[]) => {
    if (files.length === 0) return;
    setState({ status: 'uploading', names: files.map((f) => f.name) });
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    try {
      const res = await fetch(t.endpoint, { method: 'POST', body: form });
      const body = (await res.json()) as { source?: SourceSummary; diagnostics?: DiagnosticItem[]; error?: string };
      if (!res.ok || !body.source) {
        setState({ status: 'error', error: body.error ?? `HTTP ${res.status}`, diagnostics: body.diagnostics ?? [] });
        return;
      }
      setState({ status: 'done', source: body.source, diagnostics: body.diagnostics ?? [] });
      router.refresh();
    } catch (e) {
      setState({ status: 'error', error: e instanceof Error ? e.message : String(e), diagnostics: [] });
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    void upload([...e.dataTransfer.files]);
  };

  const change = mode === 'change';
  return (
    <section aria-labelledby={`${t.id}-h`} id={t.id} className="flex flex-col gap-3">
      <h2 id={`${t.id}-h`} className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{t.title}</h2>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid={change ? 'change-dropzone' : 'dropzone'}
        className={`flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-6 py-8 text-center text-sm ${over ? 'border-sky-500 bg-sky-50 dark:bg-sky-950/40' : change ? 'border-violet-300 dark:border-violet-800' : 'border-slate-300 dark:border-slate-700'}`}
      >
        {change ? (
          <>
            <p>Drop manifests here (a pull request&apos;s YAML, <code className="font-mono">helm template</code> output) to see what they would change</p>
            <p className="text-xs text-slate-500">
              They are applied on top of {base ? <strong>{base}</strong> : 'the current source'}, not instead of it: an object with the same kind, namespace and name is replaced, others are added
              (as <code className="font-mono">rbac-atlas diff --apply</code>). Answers, graphs and findings then mark what is gained and lost. A new change replaces the one being tried. Nothing is sent to any cluster; one click drops the change.
            </p>
          </>
        ) : (
          <>
            <p>Drop <code className="font-mono">kubectl get … -o yaml</code> or <code className="font-mono">-o json</code> files here</p>
            <p className="text-xs text-slate-500">
              e.g. <code className="font-mono">kubectl get roles,clusterroles,rolebindings,clusterrolebindings,serviceaccounts,pods,namespaces -A -o yaml</code>.
              Files stay on this server, in memory; Secret values are dropped while parsing.
            </p>
          </>
        )}
        <button type="button" onClick={() => picker.current?.click()} className={`rounded px-3 py-1.5 text-sm font-semibold text-white ${change ? 'bg-violet-700 hover:bg-violet-800' : 'bg-sky-700 hover:bg-sky-800'}`}>
          {t.button}
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
          aria-label={t.input}
          className="sr-only"
          onChange={(e) => void upload([...(e.target.files ?? [])])}
        />
      </div>
      {state.status === 'uploading' ? <p role="status" className="text-sm text-slate-500">Uploading {state.names.join(', ')}…</p> : null}
      {state.status === 'error' ? <ErrorMessage title={t.failed}>{state.error}</ErrorMessage> : null}
      {state.status === 'done' && !change ? (
        <div role="status" data-testid="upload-result" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100">
          Loaded <strong>{state.source.name}</strong>: {state.source.objects} objects in {state.source.loadMs} ms, {state.source.diagnostics.total} diagnostics.
          This browser now explores it.
        </div>
      ) : null}
      {state.status === 'done' && change && state.source.overlay ? (
        <div role="status" data-testid="change-result" className="rounded-md border border-violet-300 bg-violet-50 px-3 py-2 text-sm text-violet-950 dark:border-violet-800 dark:bg-violet-950/40 dark:text-violet-100">
          Applied <strong>{state.source.overlay.files.join(', ')}</strong> on {state.source.overlay.baseName}: {state.source.overlay.gained} {state.source.overlay.gained === 1 ? 'subject gains' : 'subjects gain'} and {state.source.overlay.lost} {state.source.overlay.lost === 1 ? 'subject loses' : 'subjects lose'} permissions.{' '}
          <a href="/source/changes" className="font-semibold underline">See the changes</a>
        </div>
      ) : null}
      {(state.status === 'done' || state.status === 'error') && state.diagnostics.length > 0 ? (
        <ul aria-label={change ? 'Change diagnostics' : 'Upload diagnostics'} className="flex flex-col gap-0.5 font-mono text-xs">
          {state.diagnostics.map((d, i) => <li key={i} className={d.severity === 'error' ? 'text-rose-700 dark:text-rose-300' : 'text-amber-800 dark:text-amber-200'}>{d.text}</li>)}
        </ul>
      ) : null}
    </section>
  );
}
